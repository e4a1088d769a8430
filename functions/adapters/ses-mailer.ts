import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import {
  sesAssignedMessageId,
  type Mailer,
  type OutboundMessage,
  type SentMessage,
} from '../domain/outbound-message.ts';
import { isWellFormedMessageId } from '../domain/display-text.ts';
import type { S3SentMailArchive } from './s3-sent-mail-archive.ts';

/** How long a send is remembered: a retry within this time returns the first result. */
const IDEMPOTENCY_SECONDS = 7 * 24 * 3600;

/**
 * The idempotency records of sends. Powertools locks a send in progress only for the Lambda
 * invocation's remaining time (from a registered Lambda context; without one it warns on every
 * send), so a retry after a Lambda that died mid-send would send again. Here the lock lasts as
 * long as the record, stated explicitly: a send that died halfway, possibly after SES took the
 * message, is never repeated automatically (at most once); the retried step fails and lands with
 * a person.
 */
class SendRecords extends DynamoDBPersistenceLayer {
  override saveInProgress(
    data: Parameters<DynamoDBPersistenceLayer['saveInProgress']>[0],
    _remainingTimeInMillis?: number,
  ): Promise<void> {
    return super.saveInProgress(data, IDEMPOTENCY_SECONDS * 1000);
  }
}

export interface SesMailerOptions {
  readonly ses: SESv2Client;
  readonly archive: S3SentMailArchive;
  /** For the idempotency records, in the project's table. */
  readonly dynamoDbClient: DynamoDBClient;
  readonly tableName: string;
  readonly fromAddress: string;
  readonly fromName: string;
  readonly configurationSet: string | null;
  /** SES's region: it becomes part of the Message-ID SES assigns. */
  readonly region: string;
  /** Where a copy that could not be archived is reported (identifiers only). */
  readonly logger: { error(message: string, attributes: Record<string, unknown>): void };
}

interface SendRequest {
  readonly idempotencyKey: string;
  readonly message: OutboundMessage;
}

/**
 * Sends through SES v2 as a raw MIME message built here, so every header is ours: threading
 * (`References` with our own id, `In-Reply-To`), `Reply-To`, and the loop guards
 * (`Auto-Submitted`, `X-Auto-Response-Suppress: All`). The exact bytes are archived once SES
 * accepted them (SES keeps nothing, the local stand-in drops headers), so the outbox shows only
 * mail that went out. Each send is idempotent per key (Powertools idempotency on the project's
 * table): a retried step never sends twice. That is why a failed archive write after the send is
 * logged, not thrown: an error would drop the idempotency record and the retry would send again.
 * Throttling is retried with backoff by the SDK's standard retry strategy.
 */
export class SesMailer implements Mailer {
  readonly #options: SesMailerOptions;
  readonly #idempotentSend: (request: SendRequest) => Promise<SentMessage>;

  constructor(options: SesMailerOptions) {
    this.#options = options;
    const persistenceStore = new SendRecords({
      tableName: options.tableName,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: 'IDEMPOTENCY#send-email',
      expiryAttr: 'expiresAt',
      awsSdkV3Client: options.dynamoDbClient,
    });
    this.#idempotentSend = makeIdempotent((request: SendRequest) => this.#send(request.message), {
      persistenceStore,
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'idempotencyKey',
        expiresAfterSeconds: IDEMPOTENCY_SECONDS,
      }),
    });
  }

  send(message: OutboundMessage, idempotencyKey: string): Promise<SentMessage> {
    return this.#idempotentSend({ idempotencyKey, message });
  }

  async #send(message: OutboundMessage): Promise<SentMessage> {
    const { ses, archive, fromAddress, fromName, configurationSet, region } = this.#options;
    const domain = fromAddress.split('@')[1] ?? 'localhost';
    const ownMessageId = `<intake-${randomUUID()}@${domain}>`;
    const threadTo = isWellFormedMessageId(message.inReplyTo) ? message.inReplyTo : null;
    const sentAt = new Date();
    const raw = await new MailComposer({
      from: { name: fromName, address: fromAddress },
      to: [...message.to],
      replyTo: message.replyTo,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: ownMessageId,
      date: sentAt,
      // A sender's Message-ID is repeated only when well-formed: anything else could break or
      // inject into our headers. The reply then simply does not thread.
      ...(threadTo === null ? {} : { inReplyTo: threadTo }),
      references: [...(threadTo === null ? [] : [threadTo]), ownMessageId],
      headers: {
        'Auto-Submitted': message.autoSubmitted,
        'X-Auto-Response-Suppress': 'All',
        ...(message.caseReference ? { 'X-Intake-Case': message.caseReference } : {}),
        'X-Intake-Kind': message.kind,
      },
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    })
      .compile()
      .build();
    const response = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: fromAddress,
        Destination: { ToAddresses: [...message.to] },
        Content: { Raw: { Data: raw } },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        EmailTags: [{ Name: 'kind', Value: message.kind }],
      }),
    );
    if (!response.MessageId) throw new Error('SES accepted the message but returned no MessageId');
    const archived = await archive.keep(raw, sentAt, ownMessageId).catch((error: unknown) => {
      this.#options.logger.error('Sent mail could not be archived', {
        ownMessageId,
        sesMessageId: response.MessageId,
        kind: message.kind,
        errorName: error instanceof Error ? error.name : typeof error,
      });
      return null;
    });
    return {
      sesMessageId: sesAssignedMessageId(response.MessageId, region),
      ownMessageId,
      sentAt: sentAt.toISOString(),
      archived,
    };
  }
}
