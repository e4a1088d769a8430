import type { CaseRepository } from '../domain/case-repository.ts';

/** The case, the document or the checklist item named does not exist. */
export class ReassignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReassignmentError';
  }
}

/** A caseworker puts a document under another checklist item (or none). */
export class ReassignDocument {
  readonly #cases: CaseRepository;

  constructor(cases: CaseRepository) {
    this.#cases = cases;
  }

  async run(reference: string, sha256: string, checklistItem: string | null): Promise<void> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new ReassignmentError(`No case ${reference}`);
    if (checklistItem !== null && !caseFile.checklist.items.some((i) => i.id === checklistItem)) {
      const known = caseFile.checklist.items.map((i) => i.id).join(', ');
      throw new ReassignmentError(`"${checklistItem}" is not on the checklist of ${reference} (${known})`);
    }
    if (!(await this.#cases.assignDocument(reference, sha256, checklistItem))) {
      throw new ReassignmentError(`Case ${reference} has no document ${sha256}`);
    }
  }
}
