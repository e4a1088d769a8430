import { missingItems, type CaseFile, type ManualCheck } from '../domain/case-file.ts';
import type { CaseActivityLog } from '../domain/case-activity.ts';
import type { CaseRepository } from '../domain/case-repository.ts';

/** Marks a checklist item by hand; the adapter's conditional write of one item's mark. */
export interface ChecklistMarks {
  /** False when there is no such case. */
  markChecklistItem(reference: string, itemId: string, mark: ManualCheck | null): Promise<boolean>;
}

export class ChecklistMarkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecklistMarkError';
  }
}

export const MAX_CHECK_NOTE_CHARS = 500;

/**
 * A caseworker ticks an item by hand (the original was shown at the counter) or unticks it (the
 * document that came is not the right one), with a note saying why. Primary course: the mark
 * overrides what the documents say for that item, from then on for queries and the case's
 * status too; the action is on the case's activity with who and when.
 */
export class MarkChecklistItem {
  readonly #cases: CaseRepository;
  readonly #marks: ChecklistMarks;
  readonly #activity: CaseActivityLog;
  readonly #now: () => Date;

  constructor(deps: {
    cases: CaseRepository;
    marks: ChecklistMarks;
    activity: CaseActivityLog;
    now?: () => Date;
  }) {
    this.#cases = deps.cases;
    this.#marks = deps.marks;
    this.#activity = deps.activity;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(
    reference: string,
    itemId: string,
    fulfilled: boolean,
    note: string,
    caseworker: string,
  ): Promise<void> {
    const caseFile: CaseFile | null = await this.#cases.get(reference);
    if (caseFile === null) throw new ChecklistMarkError(`Kein Vorgang ${reference}.`);
    if (caseFile.status === 'closed') throw new ChecklistMarkError('Der Vorgang ist abgeschlossen.');
    if (!caseFile.checklist.items.some((item) => item.id === itemId))
      throw new ChecklistMarkError('Diesen Punkt gibt es auf der Checkliste des Vorgangs nicht.');
    const why = note.trim();
    if (why === '') throw new ChecklistMarkError('Bitte eine Notiz angeben, warum.');
    if (why.length > MAX_CHECK_NOTE_CHARS)
      throw new ChecklistMarkError(`Die Notiz ist zu lang (höchstens ${MAX_CHECK_NOTE_CHARS} Zeichen).`);
    const at = this.#now().toISOString();
    if (
      !(await this.#marks.markChecklistItem(reference, itemId, { fulfilled, note: why, by: caseworker, at }))
    )
      throw new ChecklistMarkError(`Kein Vorgang ${reference}.`);
    await this.#activity.record(reference, {
      at,
      caseworker,
      kind: fulfilled ? 'item-ticked' : 'item-unticked',
      subject: itemId,
      detail: why,
    });
    // A case whose last missing item was ticked is ready for review, as if the document had come.
    if (fulfilled) {
      const updated = await this.#cases.get(reference);
      if (updated !== null && missingItems(updated, await this.#cases.documents(reference)).length === 0)
        await this.#cases.setStatus(reference, ['open'], 'ready-for-review');
    }
  }
}
