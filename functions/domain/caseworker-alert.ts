import type { CaseFile } from './case-file.ts';
import type { UndeliverableReason } from './undeliverable-addresses.ts';

/**
 * Tells the case's caseworker (or team mailbox) about something only a person can resolve. An
 * alert may arrive twice when its event is retried: it says what happened, not what to count.
 */
export interface CaseworkerAlert {
  /** Mail to `address`, a contact of the case, can no longer be delivered, and why. */
  undeliverable(caseFile: CaseFile, address: string, kind: UndeliverableReason): Promise<void>;
}
