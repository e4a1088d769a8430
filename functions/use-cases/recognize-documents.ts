import { awaitsConfirmation, missingItems, type CaseDocument } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import { recogniseContent, type DocumentRecognition } from '../domain/content-recognition.ts';
import { findMrz } from '../domain/machine-readable-zone.ts';
import type {
  DocumentReader,
  ExtractedText,
  RecognisedContentStore,
  TextExtractor,
} from '../domain/ports.ts';
import { CaseNotFoundError, type RecordDocumentsResult } from './record-documents.ts';

/** What a file its readers failed on yields: nothing read. */
const UNREADABLE: ExtractedText = { pages: [], ocrPages: 0, ocrMillis: [], unreadPages: 0 };

export interface RecognizeDocumentsResult extends RecordDocumentsResult {
  /** Documents read in this run. */
  readonly read: number;
  /** Of those, assigned surely enough to count. */
  readonly recognised: number;
  /** Of those, assigned but waiting for a caseworker ("zu bestätigen"). */
  readonly toConfirm: number;
  /** Of those, on no item. */
  readonly unassigned: number;
  /** Pages read by OCR, and how long each took (for the function's metrics; no content). */
  readonly ocrMillis: readonly number[];
}

export interface RecognizeDocumentsDeps {
  readonly cases: CaseRepository;
  readonly files: DocumentReader;
  readonly extractor: TextExtractor;
  readonly contents: RecognisedContentStore;
  readonly now?: () => Date;
}

/**
 * RecognizeDocuments, after RecordDocuments: reads every document of the case still waiting for
 * content recognition (a PDF's text, OCR for scans and photos), places it on its checklist item by
 * what it is, keeps what was read with the case's records (never in the workflow state or logs),
 * and answers RecordDocuments' result again with the checklist as it now stands.
 *
 * A document a caseworker has assigned meanwhile keeps that assignment. A file that cannot be
 * read stays with its name's guess or unassigned, and no query asks for what it may be.
 */
export class RecognizeDocuments {
  readonly #deps: RecognizeDocumentsDeps;

  constructor(deps: RecognizeDocumentsDeps) {
    this.#deps = deps;
  }

  async run(reference: string, recorded: RecordDocumentsResult): Promise<RecognizeDocumentsResult> {
    const { cases, files, extractor, contents } = this.#deps;
    const now = this.#deps.now?.() ?? new Date();
    const caseFile = await cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    // A document a caseworker placed meanwhile needs no reading.
    const waiting = (await cases.documents(reference)).filter(
      (d) => d.recognition?.status === 'pending' && d.assignedBy !== 'caseworker',
    );
    const ocrMillis: number[] = [];
    const results: DocumentRecognition[] = [];
    for (const document of waiting) {
      const bytes = await files.read(document.location);
      // A file the readers choke on (a damaged or hostile PDF) is one file for the caseworker, not
      // a failed step for the whole email.
      const text = await extractor.extract(bytes, document.detectedType).catch(() => UNREADABLE);
      ocrMillis.push(...text.ocrMillis);
      const recognition = keepEmailGuess(
        recogniseContent(
          { pages: text.pages, filename: document.filename },
          caseFile.checklist,
          caseFile,
          now,
        ),
        document,
      );
      const notes = [
        ...recognition.notes,
        ...(text === UNREADABLE ? [{ text: 'Datei konnte nicht gelesen werden', confirm: true }] : []),
        ...(text.unreadPages > 0
          ? [{ text: `${text.unreadPages} Seiten nicht gelesen (Seitengrenze)`, confirm: true }]
          : []),
      ];
      const mrz = findMrz(text.pages.join('\n'), now);
      await contents.save(reference, {
        sha256: document.sha256,
        text: text.pages.join('\n\f\n'),
        mrz: mrz === null ? null : { ...mrz },
        readAt: now.toISOString(),
      });
      const done = { ...recognition, notes, status: 'done' as const };
      await cases.recordRecognition(reference, document.sha256, done.item, done);
      results.push(done);
    }

    const documents = await cases.documents(reference);
    const missing = missingItems(caseFile, documents).map((i) => i.id);
    const complete = missing.length === 0;
    if (complete) await cases.setStatus(reference, ['open'], 'ready-for-review');
    const next =
      recorded.next === 'CaseworkerOnly' ? 'CaseworkerOnly' : complete ? 'ReadyForReview' : 'SendQuery';
    const read = waiting.map((d) => documents.find((x) => x.sha256 === d.sha256) ?? d);
    return {
      ...recorded,
      missing,
      complete,
      next,
      read: results.length,
      recognised: read.filter((d) => d.checklistItem !== null && !awaitsConfirmation(d)).length,
      toConfirm: read.filter(awaitsConfirmation).length,
      unassigned: read.filter((d) => d.checklistItem === null).length,
      ocrMillis,
    };
  }
}

/**
 * The email's words (one file, "anbei mein Mietvertrag") named an item when the name did not:
 * content that finds nothing else keeps that guess, as a guess to confirm.
 */
function keepEmailGuess(recognition: DocumentRecognition, document: CaseDocument): DocumentRecognition {
  const guess = document.recognition;
  if (recognition.item !== null || guess?.method !== 'E-Mail-Text' || guess.item === null) return recognition;
  return {
    ...recognition,
    item: guess.item,
    method: guess.method,
    confidence: guess.confidence,
    candidates: [guess.item],
  };
}
