import {
  awaitsConfirmation,
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
  /**
   * Documents waiting for a caseworker ("zu bestätigen"): placed unsurely or with something to look
   * at (another person's passport, several documents in one scan), or read and placed nowhere.
   */
  readonly toConfirm: readonly ToConfirm[];
  readonly log: readonly CaseLogEntry[];
}

export interface ToConfirm {
  readonly sha256: string;
  readonly filename: string | null;
  /** The item recognition suggests, or null. */
  readonly checklistItem: string | null;
  readonly method: string | null;
  readonly confidence: number;
  readonly candidates: readonly string[];
  readonly notes: readonly string[];
}

/** Whether a document waits for a caseworker's look: unsure or flagged, or recognised as nothing. */
function waitsForCaseworker(document: CaseDocument): boolean {
  if (awaitsConfirmation(document)) return true;
  const looked = document.assignedBy === 'caseworker' || document.confirmedBy !== undefined;
  return document.checklistItem === null && !looked && document.recognition !== undefined;
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
      toConfirm: documents.filter(waitsForCaseworker).map((d) => ({
        sha256: d.sha256,
        filename: d.filename,
        checklistItem: d.checklistItem,
        method: d.recognition?.method ?? null,
        confidence: d.recognition?.confidence ?? 0,
        candidates: d.recognition?.candidates ?? [],
        notes: (d.recognition?.notes ?? []).map((n) => n.text),
      })),
      log,
    };
  }
}
