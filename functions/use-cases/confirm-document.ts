import type { CaseRepository } from '../domain/case-repository.ts';
import { ReassignmentError } from './reassign-document.ts';

/**
 * A caseworker confirms a recognised document ("zu bestätigen"): as recognised, or under another
 * item (or none) they name. From then on it counts for its item, whatever recognition's
 * confidence or notes, and no automatic query asks for what it may be.
 */
export class ConfirmDocument {
  readonly #cases: CaseRepository;
  readonly #now: () => Date;

  constructor(cases: CaseRepository, now: () => Date = () => new Date()) {
    this.#cases = cases;
    this.#now = now;
  }

  /** @param checklistItem absent: as recognised; a string or null: that item, or none. */
  async run(
    reference: string,
    sha256: string,
    caseworker: string,
    checklistItem?: string | null,
  ): Promise<void> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new ReassignmentError(`No case ${reference}`);
    if (checklistItem !== undefined) {
      if (checklistItem !== null && !caseFile.checklist.items.some((i) => i.id === checklistItem)) {
        const known = caseFile.checklist.items.map((i) => i.id).join(', ');
        throw new ReassignmentError(`"${checklistItem}" is not on the checklist of ${reference} (${known})`);
      }
      if (!(await this.#cases.assignDocument(reference, sha256, checklistItem))) {
        throw new ReassignmentError(`Case ${reference} has no document ${sha256}`);
      }
    }
    if (!(await this.#cases.confirmDocument(reference, sha256, caseworker, this.#now().toISOString()))) {
      throw new ReassignmentError(`Case ${reference} has no document ${sha256}`);
    }
  }
}
