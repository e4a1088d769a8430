import * as z from 'zod';
import { SES_SETUP_NOTIFICATION_ID, type IntakeRequest } from '../domain/intake-request.ts';
import { envelopeSenderOf } from '../domain/automatic-mail.ts';
import { toDmarcPolicy, toVerdictStatus } from '../domain/receipt-verdicts.ts';

/**
 * SES's receipt notification for an S3 action, as it arrives through SNS and SQS. Only the fields
 * we rely on are validated; SES adds more over time.
 */
const verdict = z.object({ status: z.string() }).optional();

export const sesReceiptNotificationSchema = z.object({
  notificationType: z.string(),
  mail: z.object({
    messageId: z.string().min(1),
    timestamp: z.string(),
    source: z.string().default(''),
  }),
  receipt: z.object({
    timestamp: z.string().optional(),
    recipients: z.array(z.string()).default([]),
    spamVerdict: verdict,
    virusVerdict: verdict,
    spfVerdict: verdict,
    dkimVerdict: verdict,
    dmarcVerdict: verdict,
    dmarcPolicy: z.unknown().optional(),
    action: z.object({
      type: z.string(),
      bucketName: z.string().optional(),
      objectKey: z.string().optional(),
    }),
  }),
});

export type SesReceiptNotification = z.infer<typeof sesReceiptNotificationSchema>;

/** The SNS envelope, when the subscription does not use raw message delivery. */
const snsEnvelopeSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

/** Why a notification starts no workflow. */
export type IgnoredNotification = {
  readonly ignored: 'setup-notification' | 'not-received-mail' | 'not-s3-action';
};

/**
 * Turns the body of one SQS message into an intake request, or says why there is none. Throws
 * on a body that is not a notification at all: that message goes to the DLQ for a person.
 */
export function intakeRequestFromQueueBody(body: string): IntakeRequest | IgnoredNotification {
  let payload: unknown = JSON.parse(body);
  const envelope = snsEnvelopeSchema.safeParse(payload);
  if (envelope.success) payload = JSON.parse(envelope.data.Message);
  const notification = sesReceiptNotificationSchema.parse(payload);
  if (notification.mail.messageId === SES_SETUP_NOTIFICATION_ID) return { ignored: 'setup-notification' };
  if (notification.notificationType !== 'Received') return { ignored: 'not-received-mail' };
  const { action } = notification.receipt;
  if (action.type !== 'S3' || !action.bucketName || !action.objectKey) return { ignored: 'not-s3-action' };
  if (action.objectKey.endsWith(SES_SETUP_NOTIFICATION_ID)) return { ignored: 'setup-notification' };
  const { receipt } = notification;
  return {
    messageId: notification.mail.messageId,
    rawMail: { bucket: action.bucketName, key: action.objectKey },
    recipients: receipt.recipients.map((r) => r.toLowerCase()),
    envelopeSender: envelopeSenderOf(notification.mail.source),
    receivedAt: receipt.timestamp ?? notification.mail.timestamp,
    verdicts: {
      spam: toVerdictStatus(receipt.spamVerdict?.status),
      virus: toVerdictStatus(receipt.virusVerdict?.status),
      spf: toVerdictStatus(receipt.spfVerdict?.status),
      dkim: toVerdictStatus(receipt.dkimVerdict?.status),
      dmarc: toVerdictStatus(receipt.dmarcVerdict?.status),
      dmarcPolicy: toDmarcPolicy(receipt.dmarcPolicy),
    },
  };
}
