import { randomBytes, randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { LocalReceiptRule } from './synthesized-app.ts';

/**
 * The local stand-in for SES receiving: an SMTP port that accepts mail for the receipt rule's
 * recipients, stores the raw message where the rule's S3 action would, and emits the receipt
 * notification SES would publish (SNS → SQS), verdicts included.
 */

/** SES accepts messages up to 40 MB. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';

/** Verdicts the local "SES" reports; PASS unless a test or local config says otherwise per sender. */
export interface LocalVerdicts {
  spam: VerdictStatus;
  virus: VerdictStatus;
  spf: VerdictStatus;
  dkim: VerdictStatus;
  dmarc: VerdictStatus;
  dmarcPolicy: string;
}

export type VerdictsFor = (mailFrom: string) => Partial<LocalVerdicts>;

export interface ReceivedMessage {
  readonly messageId: string;
  readonly bucket: string;
  readonly key: string;
  /** The SQS event delivered to the notification consumer. */
  readonly sqsEvent: unknown;
}

export interface SmtpIntakeOptions {
  readonly port: number;
  readonly rule: LocalReceiptRule;
  readonly s3: S3Client;
  readonly verdictsFor: VerdictsFor;
  /** Hands the notification on, as SQS would to the starter Lambda. */
  readonly deliver: (message: ReceivedMessage) => Promise<void>;
  /** Told when handing on failed (as a message would sit in the queue's DLQ on AWS). */
  readonly onDeliveryError: (error: unknown) => void;
}

/** An SES-like message id: 40 characters of lowercase letters and digits. */
function sesMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(40)].map((b) => alphabet[b % alphabet.length]).join('');
}

function acceptsRecipient(rule: LocalReceiptRule, address: string): boolean {
  if (rule.recipients.length === 0) return true;
  const lower = address.toLowerCase();
  const domain = lower.split('@')[1] ?? '';
  const withoutPlus = lower.replace(/\+[^@]*@/, '@');
  return rule.recipients.some(
    (r) => r === lower || r === withoutPlus || r === domain || (r.startsWith('.') && domain.endsWith(r)),
  );
}

function notificationFor(
  messageId: string,
  session: SMTPServerSession,
  rule: LocalReceiptRule,
  key: string,
  verdicts: LocalVerdicts,
) {
  const now = new Date().toISOString();
  const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  const recipients = session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address);
  return {
    notificationType: 'Received',
    mail: { timestamp: now, source: mailFrom, messageId, destination: recipients, headersTruncated: false },
    receipt: {
      timestamp: now,
      processingTimeMillis: 1,
      recipients,
      spamVerdict: { status: verdicts.spam },
      virusVerdict: { status: verdicts.virus },
      spfVerdict: { status: verdicts.spf },
      dkimVerdict: { status: verdicts.dkim },
      dmarcVerdict: { status: verdicts.dmarc },
      dmarcPolicy: verdicts.dmarcPolicy,
      action: {
        type: 'S3',
        topicArn: rule.topicArn ?? 'arn:aws:sns:eu-west-1:000000000000:local-receipts',
        bucketName: rule.bucket,
        objectKeyPrefix: rule.objectKeyPrefix,
        objectKey: key,
      },
    },
  };
}

/** Starts the SMTP intake; resolves to a function that stops it. */
export async function startSmtpIntake(
  options: SmtpIntakeOptions,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = new SMTPServer({
    name: 'intake.local',
    banner: 'local stand-in for SES receiving',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!acceptsRecipient(options.rule, address.address)) {
        const error = new Error('Mailbox unavailable: not a recipient of the receipt rule') as Error & {
          responseCode: number;
        };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const messageId = sesMessageId();
      const key = `${options.rule.objectKeyPrefix}${messageId}`;
      const upload = new Upload({
        client: options.s3,
        params: { Bucket: options.rule.bucket, Key: key, Body: stream },
      });
      upload
        .done()
        .then(async () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const error = new Error('Message exceeds the 40 MB SES allows') as Error & {
              responseCode: number;
            };
            error.responseCode = 552;
            throw error;
          }
          const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          const verdicts: LocalVerdicts = {
            spam: 'PASS',
            virus: 'PASS',
            spf: 'PASS',
            dkim: 'PASS',
            dmarc: 'PASS',
            dmarcPolicy: 'none',
            ...options.verdictsFor(mailFrom),
          };
          const notification = notificationFor(messageId, session, options.rule, key, verdicts);
          // What SQS hands the starter: an SNS envelope around SES's notification.
          const sqsEvent = {
            Records: [
              {
                messageId: randomUUID(),
                receiptHandle: randomUUID(),
                body: JSON.stringify({
                  Type: 'Notification',
                  MessageId: randomUUID(),
                  TopicArn: notification.receipt.action.topicArn,
                  Message: JSON.stringify(notification),
                }),
                attributes: { ApproximateReceiveCount: '1' },
                messageAttributes: {},
                eventSource: 'aws:sqs',
                eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:local-receipts',
                awsRegion: 'eu-west-1',
              },
            ],
          };
          // SES has accepted the message once it is stored; processing goes on after the reply.
          callback(null, `Ok: queued as ${messageId}`);
          options
            .deliver({ messageId, bucket: options.rule.bucket, key, sqsEvent })
            .catch(options.onDeliveryError);
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
