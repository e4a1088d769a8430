import type { Readable } from 'node:stream';
import type { IntakeRequest, ObjectLocation } from './intake-request.ts';
import type { AttachmentOrigin } from './parsed-email.ts';

/**
 * The interfaces the domain needs from the outside world. Adapters in `functions/adapters`
 * implement them; use cases receive them in their constructors.
 */

/** Starts workflows. Starting the same name twice with the same input is not an error. */
export interface WorkflowStarter {
  /** @returns `started` for a new execution, `already-started` for a replay of the same message. */
  startIntake(request: IntakeRequest): Promise<'started' | 'already-started'>;
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
  readonly from: string | null;
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
  /** Adapter-specific handle of the staged bytes. */
  readonly handle: string;
}

/** Where kept files go: `documents` for files a caseworker may open, `quarantine` for held ones. */
export type StorageArea = 'documents' | 'quarantine';

/** Stores files by content hash. The original name is metadata, never part of a key. */
export interface DocumentStore {
  stage(content: Readable): Promise<StagedFile>;
  keep(
    staged: StagedFile,
    area: StorageArea,
    metadata: { filename: string | null; declaredType: string },
  ): Promise<ObjectLocation | null>;
}
