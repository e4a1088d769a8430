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
}

export type AttachmentOrigin = 'attachment' | 'inline' | 'forwarded';

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
  | 'unreadable';

export interface ParsedEmail {
  /** The message's own Message-ID header (angle brackets kept), or null. */
  readonly messageId: string | null;
  /** The From address (lowercased), or null when missing or unreadable. */
  readonly from: string | null;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string | null;
  /** The Date header as ISO 8601, or null when missing or unparseable. */
  readonly date: string | null;
  /** The first valid case reference found (normalised), or null. */
  readonly caseReference: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** True for mail that must never get an automatic answer (auto-replies, bounces, lists). */
  readonly autoSubmitted: boolean;
  /** Which signal made it automatic; null when it is not. */
  readonly automaticReason: string | null;
  readonly attachments: readonly AttachmentReport[];
  /** Problems met while reading (broken MIME and the like); the message is still kept. */
  readonly problems: readonly string[];
}
