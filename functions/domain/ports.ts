import type { Readable } from 'node:stream';
import type { IntakeRequest, ObjectLocation } from './intake-request.ts';
import type { ActiveContentFinding } from './attachment-types.ts';
import type { MalwareScanStatus } from './malware-scan.ts';
import type { AttachmentOrigin } from './parsed-email.ts';
import type { SenderAmbiguity } from './sender-address.ts';

/**
 * The interfaces the domain needs from the outside world. Adapters in `functions/adapters`
 * implement them; use cases receive them in their constructors.
 */

/** Starts workflows. Starting the same name twice with the same input is not an error. */
export interface WorkflowStarter {
  /** @returns `started` for a new execution, `already-started` for a replay of the same message. */
  startIntake(request: IntakeRequest): Promise<'started' | 'already-started'>;
  /**
   * Runs the IntakeWorkflow again on a held message's original input, as retry number `attempt`
   * (its own execution name, so the same retry asked twice runs once).
   */
  retryIntake(request: IntakeRequest, attempt: number): Promise<'started' | 'already-started'>;
}

/**
 * Keeps what parsing read from one message (sender, subject, the applicant's words, file names)
 * beside the raw message, so the workflow's state carries only where it is. Execution history
 * keeps state for 90 days, readable by anyone with console access; this record is encrypted
 * with the project's key, expires with the raw message and is erased with the case.
 */
export interface ParsedEmailRecords {
  /** Stores the record of the message SES received as `sesMessageId`, next to its raw MIME. */
  save(rawMail: ObjectLocation, sesMessageId: string, record: unknown): Promise<ObjectLocation>;
  load(location: ObjectLocation): Promise<unknown>;
}

/** Reads raw messages as SES stored them. */
export interface RawMailStore {
  open(location: ObjectLocation): Promise<Readable>;
}

/** One file found in a message, offered to the use case as a stream while parsing goes on. */
export interface IncomingAttachment {
  /** Decoded file name as the sender wrote it, or null. */
  readonly filename: string | null;
  /** Declared Content-Type, lowercase, without parameters. */
  readonly declaredType: string;
  readonly origin: AttachmentOrigin;
  /** 0 in the message itself, 1 inside a forwarded email, … */
  readonly depth: number;
  /** The part's Content-ID without angle brackets (what `cid:` in the HTML body names), if any. */
  readonly contentId?: string | null;
  /** The decoded bytes. Must be read to its end (or destroyed) before parsing continues. */
  readonly content: Readable;
}

/** The headers of the top-level message, decoded. */
export interface MessageHeaders {
  readonly messageId: string | null;
  /** The sender's address (A–Z lowercased), only when `fromAmbiguity` is null; else null. */
  readonly from: string | null;
  /** Every address the From header(s) name, display names never (a few, for a person to read). */
  readonly fromAddresses: readonly string[];
  /** Why From does not name exactly one sender; null when it does (or names none). */
  readonly fromAmbiguity: SenderAmbiguity | null;
  /** The Reply-To addresses (A–Z lowercased). */
  readonly replyTo: readonly string[];
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string | null;
  readonly date: Date | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** Content-Type of the whole message, lowercase, without parameters. */
  readonly contentType: string;
  /** Any header's first value by lowercase name, unfolded but otherwise raw (not RFC 2047-decoded); null when absent. */
  readonly header: (name: string) => string | null;
}

export interface ParsedMessage {
  readonly headers: MessageHeaders;
  /** The plain text body (or the text of the HTML body), possibly empty. */
  readonly text: string;
  /** What could not be read; parsing never throws for bad MIME. */
  readonly problems: readonly string[];
  /** Content-IDs the message's own HTML body shows (`cid:` URLs), lowercase. */
  readonly bodyContentIds?: readonly string[];
}

/** Streams a raw message apart. Memory must not grow with the message size. */
export interface EmailParser {
  parse(
    raw: Readable,
    onAttachment: (attachment: IncomingAttachment) => Promise<void>,
  ): Promise<ParsedMessage>;
}

/** A file streamed into staging, with what was learned on the way. */
export interface StagedFile {
  readonly sha256: string;
  readonly size: number;
  /** Type read from the leading bytes, or null. */
  readonly detectedType: string | null;
  /** Password-protected PDF or archive. */
  readonly encrypted: boolean;
  /** What in the whole file runs when it is opened. */
  readonly activeContent?: readonly ActiveContentFinding[];
  /** Adapter-specific handle of the staged bytes. */
  readonly handle: string;
}

/** Where kept files go: `documents` for files a caseworker may open, `quarantine` for held ones. */
export type StorageArea = 'documents' | 'quarantine';

/**
 * Streams files into staging, where they wait until the email is screened (malware scan, the
 * receiving service's verdicts, the attachment policy); StagedFiles then moves them on.
 */
export interface DocumentStore {
  /** @returns what was learned, and where the bytes wait (null when nothing is kept: `intake parse`). */
  stage(content: Readable): Promise<StagedFile & { readonly location: ObjectLocation | null }>;
}

/**
 * Reads (and locally: makes) the malware scan result of stored files. Asking again is safe: a
 * result once written is read back, never made twice.
 */
export interface MalwareScanner {
  /** One status per location, in order; `PENDING` while a result is still to come. */
  statuses(locations: readonly ObjectLocation[]): Promise<MalwareScanStatus[]>;
}

/** What a staged file is filed as, once the email has been screened. */
export interface FilingFacts {
  readonly sha256: string;
  readonly filename: string | null;
  readonly declaredType: string;
  readonly detectedType: string | null;
}

/** Moves screened files out of staging to their content-hash key under `documents/` or `quarantine/`. */
export interface StagedFiles {
  /** Idempotent: a file already moved (staging object gone, target there) is not moved again. */
  file(staged: ObjectLocation, area: StorageArea, facts: FilingFacts): Promise<ObjectLocation>;
}

/** The text read from one file, page by page. */
export interface ExtractedText {
  /** Text of each page read; empty for a file type nothing is read from. */
  readonly pages: readonly string[];
  /** Pages read by OCR (scans, photos). */
  readonly ocrPages: number;
  /** Milliseconds each OCR page took (rendering included). */
  readonly ocrMillis: readonly number[];
  /** Pages left unread (past the OCR page limit). */
  readonly unreadPages: number;
}

/** Reads the text of a file: a PDF's text layer, OCR for scans and photos. */
export interface TextExtractor {
  extract(bytes: Uint8Array, detectedType: string | null): Promise<ExtractedText>;
}

/** Reads stored documents' bytes (for recognising them). */
export interface DocumentReader {
  read(location: ObjectLocation): Promise<Uint8Array>;
}

/**
 * What recognition read from a document: its text and what its MRZ says, kept encrypted with the
 * case's records (never in logs or workflow state) and erased with the case.
 */
export interface RecognisedContent {
  readonly sha256: string;
  readonly text: string;
  /** The MRZ as read, names included, for the caseworker to compare; null when there is none. */
  readonly mrz: Record<string, unknown> | null;
  readonly readAt: string;
}

/** Keeps what recognition read from a case's documents. */
export interface RecognisedContentStore {
  save(reference: string, content: RecognisedContent): Promise<void>;
  get(reference: string, sha256: string): Promise<RecognisedContent | null>;
}
