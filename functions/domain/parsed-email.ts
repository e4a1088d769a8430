import type { CalendarReply } from './calendar-reply.ts';
import type { SenderAmbiguity } from './sender-address.ts';

/**
 * What parsing one message yields. This is the JSON of `intake parse --json` (a contract used
 * outside the tests) and, with storage keys added, the ParseEmail step's output: references and
 * small facts only, never attachment bytes or whole bodies (Step Functions payloads max 256 KB).
 */
export interface AttachmentReport {
  /** The file name as the sender wrote it, decoded (RFC 2047/2231); null when there was none. */
  readonly filename: string | null;
  /** The Content-Type the message declared for the part. */
  readonly contentType: string;
  /** The type read from the bytes themselves; null when the bytes match no known type. */
  readonly detectedType: string | null;
  /** Decoded size in bytes. */
  readonly size: number;
  /** SHA-256 of the decoded bytes, lowercase hex. */
  readonly sha256: string;
  /** Whether a caseworker may open it as it is; held files go to quarantine for a person. */
  readonly accepted: boolean;
  /** Why it was held; null when accepted. */
  readonly reason: HoldReason | null;
  /** How it came: an ordinary attachment, an inline image, or from inside a forwarded email. */
  readonly origin: AttachmentOrigin;
  /** What the file is to the case: a document, or something recorded alongside (see AttachmentKind). */
  readonly kind: AttachmentKind;
  /** 0 in the message itself, 1 inside a forwarded email, 2 inside a forward in a forward, … */
  readonly depth: number;
}

export type AttachmentOrigin = 'attachment' | 'inline' | 'forwarded';

/**
 * - `document`: a file the applicant sent as a file (accepted or held for a person);
 * - `signature`, `calendar`, `forwarded-email`: recorded and kept, but not a document of the case.
 *   A person needs them rarely (see attachment-policy.ts for why each is not a document), so the
 *   workflow can tell them apart from held documents, which a person must look at.
 */
export type AttachmentKind = 'document' | 'signature' | 'calendar' | 'forwarded-email' | 'inline-image';

/** Why an attachment is held for a person instead of reaching a case as safe. */
export type HoldReason =
  | 'empty'
  | 'too-large'
  | 'type-not-allowed'
  | 'type-mismatch'
  | 'executable'
  | 'macro-enabled'
  | 'encrypted'
  | 'archive'
  | 'too-deeply-nested'
  | 'unreadable'
  /** Outlook's TNEF container: its content (often the real attachments) is hidden inside. */
  | 'winmail-dat'
  /** The malware scan found something (GuardDuty on AWS, ClamAV locally; parsing alone never does). */
  | 'malware'
  /** The malware scanner could not read the file (encrypted, too large or nested too deep to scan). */
  | 'scan-unsupported'
  /** The malware scan failed. */
  | 'scan-failed'
  /** No scan result came within the time the workflow waits. */
  | 'scan-timeout'
  /** Content that runs when opened: PDF scripts and actions, macros, HTML, SYLK, web queries. */
  | 'active-content'
  /** A file name with control characters, or whose extension a shortened name would change. */
  | 'unsafe-name'
  /** Not documents; kept and recorded (kind tells the same). */
  | 'signature'
  | 'calendar'
  | 'forwarded-email'
  /** An image the HTML body shows by Content-ID (a signature logo): kept, not a document. */
  | 'inline-image';

/** Where the case reference was found, strongest first. */
export type CaseReferenceSource = 'recipient' | 'subject' | 'body' | 'attachment-name';

export interface ParsedEmail {
  /** The message's own Message-ID header (angle brackets kept), or null. */
  readonly messageId: string | null;
  /**
   * The sender's address (A–Z lowercased, nothing else), only when From is exactly one header
   * with exactly one plain mailbox; null otherwise (missing, unreadable, or `senderAmbiguity`).
   */
  readonly from: string | null;
  /** Every address the From header(s) name, display names never: who it claims to be from, for a person. */
  readonly fromAddresses: readonly string[];
  /** Why From names no single sender (several headers or mailboxes, a group, …); null when it does or names none. */
  readonly senderAmbiguity: SenderAmbiguity | null;
  /** The Reply-To addresses: an automatic answer never goes out when one of them is the office's own. */
  readonly replyTo: readonly string[];
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string | null;
  /** The subject without reply and forward prefixes (`AW:`, `Fwd:`, …); null when there is none. */
  readonly baseSubject: string | null;
  /** The Date header as ISO 8601, or null when missing or unparseable. */
  readonly date: string | null;
  /** The first valid case reference found (normalised), or null. */
  readonly caseReference: string | null;
  /** Where `caseReference` was found; null when none was. */
  readonly caseReferenceSource: CaseReferenceSource | null;
  /** Every distinct reference found, strongest place first (several can mean a mix-up). */
  readonly caseReferences: readonly string[];
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** True for mail that must never get an automatic answer (auto-replies, bounces, lists). */
  readonly autoSubmitted: boolean;
  /** Which signal made it automatic; null when it is not. */
  readonly automaticReason: string | null;
  /** An absence notice's "away until" as written ("4.1."); absent when it says none. */
  readonly absentUntil?: string;
  /**
   * What the applicant wrote this time: the body without the quoted history below it, at most
   * MAX_NEW_TEXT_CHARS characters. For the caseworker's notification.
   */
  readonly newText: string;
  /** An applicant's Accept/Decline from their calendar (iTIP REPLY); absent for other mail. */
  readonly calendarReply?: CalendarReply;
  readonly attachments: readonly AttachmentReport[];
  /**
   * Problems met while reading; the message is still kept and whatever could be read is reported.
   * Each is a code, some with a detail after `: `, those from inside a forwarded email prefixed
   * `forwarded: `: `missing-closing-boundary`, `bad-base64: part 2`, `unknown-charset: x in the
   * body`, `header-too-large`, `part-header-too-large`, `too-many-parts`, `text-truncated`,
   * `attachment-truncated`, `subject-truncated`, `filename-truncated`, `too-many-files: N` (N files
   * only in the original email), `not-an-email: …`, `mime-error: …` (anything else the MIME parser
   * gave up on).
   */
  readonly problems: readonly string[];
}

/**
 * Bounds on what one parse reports. The result travels in Step Functions state (256 KB in all,
 * which the workflow cannot even catch when exceeded), and a sender controls every header and
 * every file name: a 100 KB subject or a thousand files must not stop the workflow.
 */
export const OUTPUT_LIMITS = {
  /** RFC 5322's line limit; longer subjects are cut. */
  subjectChars: 998,
  /** Longest file name reported or stored, in UTF-8 bytes (as on most file systems). */
  filenameBytes: 255,
  /** Longest declared content type (RFC 6838: 127 characters each for type and subtype). */
  contentTypeChars: 255,
  /**
   * UTF-8 bytes of JSON all attachment reports of one message may take. Files offered after the
   * budget is spent are not stored one by one: they stay in the original email, which is kept,
   * and `too-many-files` says how many. Ordinary names allow some 250 files.
   */
  attachmentReportBytes: 100 * 1024,
  /** Message-IDs kept from `References` (the first and the newest); longer IDs are dropped. */
  references: 20,
  messageIdChars: 250,
  /** Addresses reported per To or Cc header, and characters per address (RFC 5321: 254). */
  addresses: 50,
  addressChars: 254,
  /** Addresses reported from From and from Reply-To: a few tell a person enough. */
  senderAddresses: 10,
  /** Entries in `problems`, and characters per entry. */
  problems: 50,
  problemChars: 200,
  /** References found and reported (`caseReferences`). */
  caseReferences: 10,
} as const;
