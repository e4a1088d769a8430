import type { CaseRepository } from '../domain/case-repository.ts';

/**
 * DecisionWorkflow's CheckAnswer on its own: it reads the case log and nothing else, so its
 * function needs no mail wiring and no grant to send or write.
 */
export class CheckAnswer {
  readonly #cases: Pick<CaseRepository, 'log'>;

  constructor(cases: Pick<CaseRepository, 'log'>) {
    this.#cases = cases;
  }

  /** Has the applicant written since the query was sent? */
  async answeredSince(reference: string, sentAt: string): Promise<{ answered: boolean }> {
    const log = await this.#cases.log(reference);
    // Automatic mail (an absence notice) is on the log but is no answer, unless it brought
    // documents (an auto-forward).
    return {
      answered: log.some(
        (entry) =>
          entry.direction === 'in' &&
          entry.at > sentAt &&
          (entry.automatic === undefined || entry.documents.length > 0),
      ),
    };
  }
}
