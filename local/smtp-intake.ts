import { randomBytes, randomUUID } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
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

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** Verdicts the local "SES" reports; PASS unless a test or local config says otherwise per sender. */
export interface LocalVerdicts {
  spam: VerdictStatus;
  virus: VerdictStatus;
  spf: VerdictStatus;
  dkim: VerdictStatus;
  dmarc: VerdictStatus;
  dmarcPolicy: string;
}

/** Verdicts for one message by its envelope sender; asked afresh for every message. */
export type VerdictsFor = (mailFrom: string) => Partial<LocalVerdicts> | Promise<Partial<LocalVerdicts>>;

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
  /** Told when storing or handing on failed (as a message would sit in the queue's DLQ on AWS). */
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

/** What SES reports for an ordinary, authenticated message; the stand-in's default. */
const ALL_PASS: LocalVerdicts = {
  spam: 'PASS',
  virus: 'PASS',
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'PASS',
  dmarcPolicy: 'none',
};

type SmtpError = Error & { responseCode: number };

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/** What the sender is told when a message is not taken: ours as it is, anything else a 451. */
function smtpRefusal(error: unknown): SmtpError {
  if (error instanceof Error && typeof (error as Partial<SmtpError>).responseCode === 'number')
    return error as SmtpError;
  return smtpError(451, 'Local stand-in failure, see the npm start console; try again');
}

/** Reads a stream to its end, discarding what is left. */
function drained(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', resolve).once('close', resolve).resume();
  });
}

/**
 * Stores one message where the receipt rule's S3 action would, then hands its notification on.
 * Resolves to the SMTP reply; rejects with 552 for a message over SES's 40 MB, which is not kept.
 */
async function receive(
  options: SmtpIntakeOptions,
  stream: Readable & { sizeExceeded?: boolean },
  session: SMTPServerSession,
): Promise<string> {
  const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  let verdicts: LocalVerdicts;
  try {
    // Read first: a message the stand-in cannot give verdicts to is refused before anything is kept.
    verdicts = { ...ALL_PASS, ...(await options.verdictsFor(mailFrom)) };
  } catch (error) {
    await drained(stream);
    throw error;
  }
  const messageId = sesMessageId();
  const key = `${options.rule.objectKeyPrefix}${messageId}`;
  let bytes = 0;
  // smtp-server's stream reports byteLength 0 until it ends, and lib-storage would take that as
  // the whole length (phone photos then failed from ~5 MB). Passing the bytes through a stream of
  // unknown length makes the upload go in parts; past the limit nothing more is written.
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, bytes > MAX_MESSAGE_BYTES ? undefined : chunk);
    },
  });
  pipeline(stream, body, () => undefined);
  try {
    await new Upload({
      client: options.s3,
      params: { Bucket: options.rule.bucket, Key: key, Body: body },
    }).done();
  } catch (error) {
    // The SMTP reply may only go once the client has sent the whole message.
    await drained(body);
    throw error;
  }
  if (bytes > MAX_MESSAGE_BYTES || stream.sizeExceeded) {
    await options.s3.send(new DeleteObjectCommand({ Bucket: options.rule.bucket, Key: key }));
    throw smtpError(552, 'Message exceeds the 40 MB SES accepts');
  }

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
  setImmediate(() => {
    options.deliver({ messageId, bucket: options.rule.bucket, key, sqsEvent }).catch(options.onDeliveryError);
  });
  return `Ok: queued as ${messageId}`;
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
        callback(smtpError(550, 'Mailbox unavailable: not a recipient of the receipt rule'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      void receive(options, stream, session).then(
        (reply) => callback(null, reply),
        (error: unknown) => {
          const refusal = smtpRefusal(error);
          // A refusal of ours (552) is the sender's problem; anything else is the stand-in's and is
          // logged, or it would surface as an unexplained 4xx in the sender's mail client.
          if (refusal.responseCode !== 552) options.onDeliveryError(error);
          callback(refusal);
        },
      );
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
