import type { InboundEmail } from './inbound-email.ts';
import type { IntakeRequest } from './intake-request.ts';

/**
 * Triage: the list of messages a person must look at because the pipeline could not (or must not)
 * put them into a case on its own. Each entry says why, and suggests cases where it can.
 */
export type TriageReason =
  | 'quarantined-virus'
  | 'quarantined-spam'
  | 'no-match'
  | 'unknown-reference'
  | 'ambiguous'
  | 'unverified-sender'
  | 'reference-from-unknown-sender'
  /** It answers the office's email for a case (thread or reply address), but not from a contact of it. */
  | 'thread-reply-from-unregistered-sender'
  /** It answers the office's email from a contact's address, but SES did not authenticate the sender. */
  | 'thread-reply-unauthenticated'
  /** From is not exactly one header with one mailbox (several, a group, an address in the name). */
  | 'ambiguous-sender'
  /** From is one of the office's own addresses: a loop or a forgery, never an applicant. */
  | 'from-own-address'
  | 'case-closed'
  | 'processing-error';

/** Every reason, for validating state and input (the compiler checks none is missing). */
export const TRIAGE_REASONS = [
  'quarantined-virus',
  'quarantined-spam',
  'no-match',
  'unknown-reference',
  'ambiguous',
  'unverified-sender',
  'reference-from-unknown-sender',
  'thread-reply-from-unregistered-sender',
  'thread-reply-unauthenticated',
  'ambiguous-sender',
  'from-own-address',
  'case-closed',
  'processing-error',
] as const satisfies readonly TriageReason[];
const allReasonsListed: Exclude<TriageReason, (typeof TRIAGE_REASONS)[number]> extends never ? true : false =
  true;
void allReasonsListed;

export interface TriageEntry {
  /** The SES message id (also the workflow execution name). */
  readonly messageId: string;
  readonly reason: TriageReason;
  readonly receivedAt: string;
  /** Case references a person might assign it to. */
  readonly suggestedCases: readonly string[];
  /** Short, non-personal detail for the person (e.g. an error name). */
  readonly detail: string | null;
  /** What arrived, so that assigning it to a case later records exactly that. */
  readonly email?: InboundEmail;
  /**
   * Held messages (`processing-error`): how many runs of the IntakeWorkflow ended held (1 after
   * the first), and the input of those runs, so a retry runs again on exactly that input.
   */
  readonly attempts?: number;
  readonly request?: IntakeRequest;
}

/** A message held after a failed step, as HoldForPerson records it. */
export type HeldEntry = TriageEntry & {
  readonly reason: 'processing-error';
  readonly attempts: number;
};

/** Where triage entries are kept. Adding the same message twice keeps one entry. */
export interface TriageRepository {
  add(entry: TriageEntry): Promise<void>;
  list(): Promise<TriageEntry[]>;
  get(messageId: string): Promise<TriageEntry | null>;
  /** Takes the entry off the list (a person dealt with it). */
  remove(messageId: string): Promise<void>;
  /**
   * Puts a held message on the list, or, when it is there already as held by an earlier run,
   * replaces that entry with this later attempt. A replay of the same attempt changes nothing.
   */
  hold(entry: HeldEntry): Promise<void>;
}

/** A person's decision that a waiting message needs nothing done: why, who, when. */
export interface TriageDismissal {
  readonly messageId: string;
  readonly reason: string;
  readonly caseworker: string;
  readonly at: string;
  /** The entry's own reason for waiting, for the record. */
  readonly triageReason: TriageReason;
}

/** Takes entries off the list for good, keeping a record of who did and why. */
export interface TriageDismissals {
  /** False when the message is not (any more) on the list. */
  dismiss(dismissal: TriageDismissal): Promise<boolean>;
}
