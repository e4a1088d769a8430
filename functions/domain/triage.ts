/**
 * Triage: the list of messages a person must look at because the pipeline could not (or must not)
 * put them into a case on its own. Each entry says why, and suggests cases where it can.
 */
export type TriageReason =
  | 'quarantined-virus'
  | 'quarantined-spam'
  | 'no-match'
  | 'ambiguous'
  | 'unverified-sender'
  | 'reference-from-unknown-sender'
  | 'case-closed'
  | 'processing-error'
  | 'matching-not-available';

export interface TriageEntry {
  /** The SES message id (also the workflow execution name). */
  readonly messageId: string;
  readonly reason: TriageReason;
  readonly receivedAt: string;
  /** Case references a person might assign it to. */
  readonly suggestedCases: readonly string[];
  /** Short, non-personal detail for the person (e.g. an error name). */
  readonly detail: string | null;
}

/** Where triage entries are kept. Adding the same message twice keeps one entry. */
export interface TriageRepository {
  add(entry: TriageEntry): Promise<void>;
  list(): Promise<TriageEntry[]>;
}
