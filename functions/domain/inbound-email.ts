import type { MalwareScanOutcome } from './malware-scan.ts';
import type { CalendarReply } from './calendar-reply.ts';
import type { HoldReason } from './parsed-email.ts';
import type { ReceiptVerdicts } from './receipt-verdicts.ts';
import type { SenderAmbiguity } from './sender-address.ts';

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
  /** How its malware scan ended; absent in entries recorded before files were scanned. */
  readonly malwareScan?: MalwareScanOutcome | null;
}

export interface InboundEmail {
  /** The SES message id. */
  readonly messageId: string;
  readonly receivedAt: string;
  /** The sender's address: only when From is one header with one plain mailbox (see ParsedEmail). */
  readonly from: string | null;
  /** What the From header(s) name, for a person to read; never matched on. */
  readonly fromAddresses: readonly string[];
  /** Why From names no single sender; null when it does or names none. */
  readonly senderAmbiguity: SenderAmbiguity | null;
  readonly replyTo: readonly string[];
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
  /** SES's verdicts authenticate the From domain (see senderIsAuthenticated). */
  readonly senderVerified: boolean;
}
