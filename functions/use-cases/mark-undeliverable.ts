import { normaliseAddress } from '../domain/case-file.ts';
import type { CaseLogEntry } from '../domain/case-log.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { CaseworkerAlert } from '../domain/caseworker-alert.ts';
import { sesAssignedMessageId } from '../domain/outbound-message.ts';
import type {
  DeliveryFeedback,
  UndeliverableAddresses,
  UndeliverableReason,
} from '../domain/undeliverable-addresses.ts';

export type MarkUndeliverableResult =
  /** No case sent that message (mail sent by something else, or records since deleted). */
  | { readonly outcome: 'unknown-message' }
  | { readonly outcome: 'marked'; readonly cases: readonly string[]; readonly addresses: number };

export interface MarkUndeliverableDependencies {
  readonly cases: CaseRepository;
  readonly undeliverable: UndeliverableAddresses;
  readonly alert: CaseworkerAlert;
  /** The AWS region mail is sent from: it is part of the Message-ID SES gives every message. */
  readonly region: string;
}

/** The case log's note for each kind of feedback. */
const LOG_NOTES: Readonly<Record<UndeliverableReason, string>> = {
  'permanent-bounce': 'bounced: permanent',
  complaint: 'complaint: marked as spam',
};

/**
 * A permanent bounce or a complaint about mail the office sent: marks each address undeliverable
 * on every case that sent the message, logs it on the case (direction `out`: it is about our
 * mail) and tells the caseworker, who has to reach the applicant another way. Safe to run again
 * for the same event: the mark and the log entry are written once; the alert may repeat.
 */
export class MarkUndeliverable {
  readonly #cases: CaseRepository;
  readonly #undeliverable: UndeliverableAddresses;
  readonly #alert: CaseworkerAlert;
  readonly #region: string;

  constructor(dependencies: MarkUndeliverableDependencies) {
    this.#cases = dependencies.cases;
    this.#undeliverable = dependencies.undeliverable;
    this.#alert = dependencies.alert;
    this.#region = dependencies.region;
  }

  async run(feedback: DeliveryFeedback): Promise<MarkUndeliverableResult> {
    const messageId = sesAssignedMessageId(feedback.sesMessageId, this.#region);
    const cases = await this.#cases.casesBySentMessageId(messageId);
    if (cases.length === 0) return { outcome: 'unknown-message' };
    const addresses = [...new Set(feedback.addresses.map(plainAddress).filter((a) => a !== ''))];
    for (const caseFile of cases) {
      for (const address of addresses) {
        await this.#undeliverable.mark(caseFile.reference, address, feedback.kind, feedback.at);
      }
      const entry: CaseLogEntry = {
        direction: 'out',
        at: feedback.at,
        messageId,
        from: null,
        to: addresses,
        subject: null,
        documents: [],
        held: [],
        note: LOG_NOTES[feedback.kind],
      };
      await this.#cases.appendLog(caseFile.reference, entry);
      // Last, so a failed alert retries the whole event; the writes before it are idempotent.
      for (const address of addresses) {
        await this.#alert.undeliverable(caseFile, address, feedback.kind);
      }
    }
    return { outcome: 'marked', cases: cases.map((c) => c.reference), addresses: addresses.length };
  }
}

/** `Name <a@b>` or `a@b` → `a@b`, lowercase (SES usually reports the bare address). */
function plainAddress(address: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(address);
  return normaliseAddress(angle?.[1] ?? address);
}
