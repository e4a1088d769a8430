import type { CaseRepository } from '../domain/case-repository.ts';
import {
  caseworkerSubmissionsView,
  MAX_PENDING_SUBMISSIONS,
  type PendingNotifications,
} from '../domain/caseworker-notification.ts';
import type { CaseMailer } from './case-mailer.ts';
import { CaseNotFoundError } from './record-documents.ts';

/**
 * The coalesced caseworker email: after its window, the leading submission's run sends one email
 * for every submission of the case pending, then takes them off. Those that joined while it was
 * sending are left, and `more` tells the workflow to wait and send again for them.
 */
export class SendCaseworkerNotification {
  readonly #cases: CaseRepository;
  readonly #mailer: CaseMailer;
  readonly #pending: PendingNotifications;
  readonly #timeZone: string;

  constructor(deps: {
    cases: CaseRepository;
    mailer: CaseMailer;
    pending: PendingNotifications;
    timeZone: string;
  }) {
    this.#cases = deps.cases;
    this.#mailer = deps.mailer;
    this.#pending = deps.pending;
    this.#timeZone = deps.timeZone;
  }

  /** @param leader the SES message id of the leading submission (the workflow's own). */
  async run(reference: string, leader: string): Promise<{ sent: number; more: boolean }> {
    const pending = (await this.#pending.pending(reference)).slice(0, MAX_PENDING_SUBMISSIONS);
    if (pending.length === 0) return { sent: 0, more: false };
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    const view = caseworkerSubmissionsView(
      caseFile,
      await this.#cases.documents(reference),
      pending,
      this.#timeZone,
    );
    // The same batch sent again (a retried step) is the same email: keyed by what it covers.
    const key = `notify#${leader}#${pending[0]!.messageId}#${pending.length}`;
    await this.#mailer.toCaseworker(caseFile, 'caseworker-submissions', view, key);
    const remaining = await this.#pending.remove(reference, pending.length);
    return { sent: pending.length, more: remaining > 0 };
  }
}
