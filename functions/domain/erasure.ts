import type { ObjectLocation } from './intake-request.ts';

/**
 * Erasure on request (GDPR Art. 17): what was erased of a case, counted by kind. Counts only:
 * the record that stays behind must itself hold no personal data.
 */
export interface ErasedCounts {
  /** Registered contact addresses (and their index entries). */
  readonly contacts: number;
  /** Document records of the case. */
  readonly documents: number;
  /** Stored files deleted (documents no other case or waiting email holds). */
  readonly documentFiles: number;
  /** Stored files kept because another case (or a waiting email of someone else) holds the same bytes. */
  readonly sharedDocumentFilesKept: number;
  /** Raw received emails as SES stored them. */
  readonly rawEmails: number;
  /** The system's own copies of what it sent for the case. */
  readonly outboxCopies: number;
  /** Entries of the message log. */
  readonly logEntries: number;
  /** Triage entries about the case or from its contacts. */
  readonly triageEntries: number;
  /** Rate-limit records keyed by the case or its contacts. */
  readonly rateLimitRecords: number;
  /** Everything else stored under the case (sent Message-IDs, undeliverable marks, …). */
  readonly otherRecords: number;
}

/** What stays of an erased case: it keeps the reference taken and says what went, when, by whom. */
export interface CaseTombstone {
  readonly reference: string;
  readonly erasedAt: string;
  /** The caseworker who asked for it (IAM principal through the API, the user at the CLI). */
  readonly erasedBy: string;
  readonly erased: ErasedCounts;
}

/** Record counts of the case's own items, by kind, as `CaseErasureRecords.erase` deleted them. */
export interface ErasedCaseRecords {
  readonly contacts: number;
  readonly documents: number;
  readonly logEntries: number;
  readonly otherRecords: number;
}

/** The table side of erasure. */
export interface CaseErasureRecords {
  /** The tombstone of an erased case, or null when the reference was never erased. */
  tombstone(reference: string): Promise<CaseTombstone | null>;
  /** References of every case other than `except` holding a document with one of these hashes. */
  casesHoldingDocuments(sha256s: readonly string[], except: string): Promise<Map<string, string[]>>;
  /**
   * Replaces the case with its tombstone (the reference stays taken; a tombstone already there is
   * kept) and deletes every other item stored under the case. Safe to run again: a second run
   * deletes what a cut-off first run left.
   */
  erase(
    reference: string,
    tombstone: (records: ErasedCaseRecords) => CaseTombstone,
  ): Promise<ErasedCaseRecords>;
  /** Deletes rate-limit records by key; returns how many there were. */
  forgetRateLimits(keys: readonly string[]): Promise<number>;
}

/** Deletes stored objects. Deleting one that is not there is not an error. */
export interface ObjectEraser {
  /** Deletes each object; refuses (throws) an object outside the area it was made for. */
  erase(locations: readonly ObjectLocation[]): Promise<void>;
}

/** Where the raw received email of an SES message id is, and the record of what was read from it. */
export type RawMailLocator = (sesMessageId: string) => readonly ObjectLocation[];
