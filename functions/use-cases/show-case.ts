import {
  checklistState,
  missingItems,
  type CaseDocument,
  type CaseFile,
  type ChecklistItemState,
} from '../domain/case-file.ts';
import type { CaseLogEntry } from '../domain/case-log.ts';
import type { CaseRepository } from '../domain/case-repository.ts';

export interface CaseView {
  readonly case: Omit<CaseFile, 'checklist'> & { readonly checklistVersion: number };
  readonly checklist: readonly ChecklistItemState[];
  readonly missing: readonly string[];
  readonly documents: readonly CaseDocument[];
  readonly log: readonly CaseLogEntry[];
}

/** A case with its checklist state, documents and message log, for a caseworker. */
export class ShowCase {
  readonly #cases: CaseRepository;

  constructor(cases: CaseRepository) {
    this.#cases = cases;
  }

  async run(reference: string): Promise<CaseView | null> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) return null;
    const [documents, log] = await Promise.all([
      this.#cases.documents(reference),
      this.#cases.log(reference),
    ]);
    const { checklist, ...rest } = caseFile;
    return {
      case: { ...rest, checklistVersion: checklist.version },
      checklist: checklistState(caseFile, documents),
      missing: missingItems(caseFile, documents).map((i) => i.id),
      documents,
      log,
    };
  }
}
