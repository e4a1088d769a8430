/**
 * Everything the system sends: what kind it is, to whom, and the threading and loop-prevention
 * headers every automatic email carries.
 */
export type MessageKind =
  | 'query'
  | 'query-reminder'
  | 'invitation'
  | 'invitation-reminder'
  | 'invitation-cancelled'
  | 'triage-reply'
  | 'caseworker-notification'
  | 'caseworker-query-unanswered'
  | 'caseworker-undeliverable'
  /** To the applicant when a case is opened: the checklist and where to send. */
  | 'case-opened'
  /** To the applicant for each submission: what arrived, what was not accepted, what is missing. */
  | 'submission-received'
  /** To the applicant when a submission completed the checklist: what happens next. */
  | 'file-complete'
  /** Generic triage reply to someone who named a case reference: received, will be assigned. */
  | 'triage-received'
  /** Generic triage reply to a question without documents: the office's contact options. */
  | 'triage-question'
  /** To the caseworker: one or more submissions of a case, coalesced. */
  | 'caseworker-submissions'
  /** To the office's team mailbox: what landed in triage since the last digest. */
  | 'caseworker-triage-digest';

/** Mail for the office's caseworkers (kinds named `caseworker-…`): German only. */
export type CaseworkerMessageKind = Extract<MessageKind, `caseworker-${string}`>;

/** Mail for applicants: German (binding) with a courtesy translation in the case's language. */
export type ApplicantMessageKind = Exclude<MessageKind, CaseworkerMessageKind>;

export interface OutboundAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

export interface OutboundMessage {
  readonly kind: MessageKind;
  /** The case it is about; null only for the generic triage reply. */
  readonly caseReference: string | null;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly OutboundAttachment[];
  /**
   * RFC 3834: `auto-replied` for an answer to a message, `auto-generated` for anything else the
   * system sends on its own. Either way well-behaved clients do not auto-answer it.
   */
  readonly autoSubmitted: 'auto-generated' | 'auto-replied';
  /** The signed reply address of the case (or the plain intake address). */
  readonly replyTo: string;
  /** The Message-ID of the email this answers, if any. */
  readonly inReplyTo: string | null;
}

/** What sending yielded: the ids replies will name, and where the exact copy is kept. */
export interface SentMessage {
  /** The Message-ID SES gave the message (`<id@region.amazonses.com>`): SES replaces ours. */
  readonly sesMessageId: string;
  /** Our own id, carried in `References` (SES keeps that header). */
  readonly ownMessageId: string;
  readonly sentAt: string;
  /**
   * Where the exact copy is kept. Archived only after SES accepted the message, so the outbox
   * never shows mail that did not go out; null when that write failed (the mail went out).
   */
  readonly archived: { readonly bucket: string; readonly key: string } | null;
}

/**
 * Sends one message, exactly once per idempotency key: a retry after a timeout or throttling
 * returns the first result instead of sending again.
 */
export interface Mailer {
  send(message: OutboundMessage, idempotencyKey: string): Promise<SentMessage>;
}

/**
 * Limits how often something may be sent per key (a query per case, a reply per sender). A send
 * takes the slot only once it happened: the slot is reserved while the send is under way (so two
 * concurrent callers do not both send), confirmed when it went out, released when it failed.
 * The holder is what the send is for (the email that led to it): a retried step is the same
 * holder and gets its own reservation or period back instead of being rate-limited by itself.
 */
export interface RateLimiter {
  /** True when `holder` may send now; false while another holder's send is under way or in its period. */
  reserve(key: string, holder: string, now: Date): Promise<boolean>;
  /** The send went out at `sentAt`: the period starts then. */
  confirm(key: string, holder: string, sentAt: Date, periodSeconds: number): Promise<void>;
  /** The send failed: the slot is free again, unless the holder's send was confirmed. */
  release(key: string, holder: string): Promise<void>;
}

/**
 * The Message-ID SES gives a message it sends, `<MessageId@REGION.amazonses.com>` (SES replaces
 * our own): the form recorded for thread matching and looked up again for bounces.
 */
export function sesAssignedMessageId(sesMessageId: string, region: string): string {
  return sesMessageId.startsWith('<') ? sesMessageId : `<${sesMessageId}@${region}.amazonses.com>`;
}
