import type { CaseActivityLog } from '../domain/case-activity.ts';
import type { CaseRepository } from '../domain/case-repository.ts';

export class CloseCaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloseCaseError';
  }
}

/**
 * A caseworker closes a case (decided and done, or withdrawn), with a note. Primary course: the
 * status becomes `closed` (mail for it then waits in triage as `case-closed`, decisions are
 * refused) and the closing is on the case's activity with who and when.
 */
export class CloseCase {
  readonly #cases: CaseRepository;
  readonly #activity: CaseActivityLog;
  readonly #now: () => Date;

  constructor(deps: { cases: CaseRepository; activity: CaseActivityLog; now?: () => Date }) {
    this.#cases = deps.cases;
    this.#activity = deps.activity;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(reference: string, note: string, caseworker: string): Promise<void> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CloseCaseError(`Kein Vorgang ${reference}.`);
    if (caseFile.status === 'closed') throw new CloseCaseError('Der Vorgang ist schon abgeschlossen.');
    if (!(await this.#cases.setStatus(reference, ['open', 'ready-for-review', 'decided'], 'closed')))
      throw new CloseCaseError('Der Vorgang wurde eben geändert; bitte neu laden.');
    await this.#activity.record(reference, {
      at: this.#now().toISOString(),
      caseworker,
      kind: 'case-closed',
      subject: null,
      detail: note.trim() === '' ? null : note.trim().slice(0, 500),
    });
  }
}
