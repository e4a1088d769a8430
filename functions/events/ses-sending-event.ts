import * as z from 'zod';
import type { DeliveryFeedback } from '../domain/undeliverable-addresses.ts';
import { InvalidEventError } from '../shared/errors.ts';

/**
 * SES event publishing records of the configuration set (bounce, complaint, reject), as they
 * arrive through SNS and SQS. Only the fields we rely on are validated; SES adds more over time.
 * Format: "Contents of event data that Amazon SES publishes to Amazon SNS" in the SES guide.
 */
const recipientSchema = z.object({ emailAddress: z.string().min(1) });

export const sesSendingEventSchema = z
  .object({
    // Event publishing names it `eventType`; identity feedback notifications (the older way of
    // getting bounces) name it `notificationType`, with the same objects otherwise.
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z.object({
      timestamp: z.string(),
      messageId: z.string().min(1),
      destination: z.array(z.string()).default([]),
      /** Tags of the message (`ses:*` and our own, e.g. `kind`), each a list of values. */
      tags: z.record(z.string(), z.array(z.string())).default({}),
    }),
    bounce: z
      .object({
        bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
        bounceSubType: z.string().optional(),
        bouncedRecipients: z.array(recipientSchema),
        timestamp: z.string().optional(),
      })
      .optional(),
    complaint: z
      .object({
        complainedRecipients: z.array(recipientSchema),
        complaintFeedbackType: z.string().optional(),
        timestamp: z.string().optional(),
      })
      .optional(),
    reject: z.object({ reason: z.string().optional() }).optional(),
  })
  .refine((event) => (event.eventType ?? event.notificationType) !== undefined, {
    message: 'eventType (or notificationType) is required',
  });

export type SesSendingEvent = z.infer<typeof sesSendingEventSchema>;

/** The SNS envelope, when the subscription does not use raw message delivery. */
const snsEnvelopeSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

/** What an event asks of us: mark addresses undeliverable, or only note it (no personal data). */
export type SendingEventAction =
  | { readonly action: 'mark'; readonly feedback: DeliveryFeedback; readonly messageKind: string | null }
  | {
      readonly action: 'log-only';
      readonly sesMessageId: string;
      readonly why: 'transient-bounce' | 'undetermined-bounce' | 'rejected' | 'not-feedback';
      readonly eventType: string;
      readonly messageKind: string | null;
    };

/**
 * Turns the body of one SQS message into what to do about it. Only permanent bounces and
 * complaints mark addresses: a transient bounce (mailbox full, greylisting) may deliver next
 * time, and a reject is about the message (a virus), not the address. Throws on a body that is
 * not a sending event: that message goes to the DLQ for a person.
 */
export function sendingEventFromQueueBody(body: string): SendingEventAction {
  const event = parsedEvent(body);
  const eventType = (event.eventType ?? event.notificationType)!;
  const sesMessageId = event.mail.messageId;
  const messageKind = event.mail.tags.kind?.[0] ?? null;
  const logOnly = (why: Extract<SendingEventAction, { action: 'log-only' }>['why']): SendingEventAction => ({
    action: 'log-only',
    sesMessageId,
    why,
    eventType,
    messageKind,
  });

  switch (eventType) {
    case 'Bounce': {
      const bounce = required(event.bounce, 'bounce');
      if (bounce.bounceType === 'Transient') return logOnly('transient-bounce');
      if (bounce.bounceType === 'Undetermined') return logOnly('undetermined-bounce');
      return {
        action: 'mark',
        messageKind,
        feedback: {
          sesMessageId,
          kind: 'permanent-bounce',
          addresses: bounce.bouncedRecipients.map((r) => r.emailAddress),
          at: bounce.timestamp ?? event.mail.timestamp,
        },
      };
    }
    case 'Complaint': {
      const complaint = required(event.complaint, 'complaint');
      return {
        action: 'mark',
        messageKind,
        feedback: {
          sesMessageId,
          kind: 'complaint',
          addresses: complaint.complainedRecipients.map((r) => r.emailAddress),
          at: complaint.timestamp ?? event.mail.timestamp,
        },
      };
    }
    case 'Reject':
      return logOnly('rejected');
    default:
      return logOnly('not-feedback');
  }
}

/**
 * The validated event. Errors name only what is wrong where: JSON.parse and zod quote parts of
 * the body in their messages, and the body holds email addresses (kept out of the logs).
 */
function parsedEvent(body: string): SesSendingEvent {
  const json = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new InvalidEventError('SES sending event: the body is not JSON');
    }
  };
  let payload = json(body);
  const envelope = snsEnvelopeSchema.safeParse(payload);
  if (envelope.success) payload = json(envelope.data.Message);
  const event = sesSendingEventSchema.safeParse(payload);
  if (!event.success) {
    const issues = event.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    throw new InvalidEventError(`SES sending event: ${issues.join('; ')}`);
  }
  return event.data;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new InvalidEventError(`SES sending event: ${field} is missing`);
  return value;
}
