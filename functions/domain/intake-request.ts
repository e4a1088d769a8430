import type { EnvelopeSender } from './automatic-mail.ts';
import type { ReceiptVerdicts } from './receipt-verdicts.ts';

/** Where a stored object lives. */
export interface ObjectLocation {
  readonly bucket: string;
  readonly key: string;
}

/**
 * The input of one IntakeWorkflow execution: one received message, by reference. Built from
 * SES's receipt notification only; the execution is named after `messageId`, so the same
 * message never runs twice.
 */
export interface IntakeRequest {
  /** The id SES gave the message on receipt (not the message's own Message-ID header). */
  readonly messageId: string;
  /** The raw MIME as SES stored it. */
  readonly rawMail: ObjectLocation;
  /** The real RCPT TO addresses, where a plus-address is read; not the `To` header. */
  readonly recipients: readonly string[];
  /** What the envelope sender (MAIL FROM) is; the address itself stays out of workflow state. */
  readonly envelopeSender: EnvelopeSender;
  /** When SES received the message (ISO 8601). */
  readonly receivedAt: string;
  readonly verdicts: ReceiptVerdicts;
}

/** SES writes this object (and notification) when a receipt rule is created; it is not mail. */
export const SES_SETUP_NOTIFICATION_ID = 'AMAZON_SES_SETUP_NOTIFICATION';
