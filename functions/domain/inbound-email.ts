import type { CalendarReply } from './calendar-reply.ts';
import type { HoldReason } from './parsed-email.ts';
import type { ReceiptVerdicts } from './receipt-verdicts.ts';

/**
 * One received email as matching and recording need it: small facts and storage references,
 * kept with a triage entry so a person's later assignment records exactly what arrived.
 */
export interface InboundAttachment {
  readonly sha256: string;
  readonly filename: string | null;
  readonly detectedType: string | null;
  readonly size: number;
  readonly accepted: boolean;
  readonly reason: HoldReason | string | null;
  readonly location: { readonly bucket: string; readonly key: string } | null;
}

export interface InboundEmail {
  /** The SES message id. */
  readonly messageId: string;
  readonly receivedAt: string;
  readonly from: string | null;
  readonly to: readonly string[];
  readonly subject: string | null;
  /** The applicant's own words, without quoted history, bounded (see ParseEmail). */
  readonly text: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly caseReference: string | null;
  readonly recipients: readonly string[];
  readonly attachments: readonly InboundAttachment[];
  /** What the parser could not read as sent (ParsedEmail's `problems` codes). */
  readonly readProblems: readonly string[];
  /** Why the email is automatic (an absence notice reaching its case); absent for a person's mail. */
  readonly automaticReason?: string;
  /** An absence notice's "away until", as written. */
  readonly absentUntil?: string;
  /** The applicant's Accept/Decline from their calendar, when the email is one. */
  readonly calendarReply?: CalendarReply;
  readonly verdicts: ReceiptVerdicts;
  readonly senderVerified: boolean;
}
