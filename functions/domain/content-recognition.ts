import type { ChecklistDefinition, ChecklistItemDefinition } from './checklist.ts';
import { foldText, recogniseDocument } from './document-recognition.ts';
import { monthsIn, pageMarkersIn, type PageMarkers } from './document-quantities.ts';
import { findMrz, mrzNotes, type CaseIdentity } from './machine-readable-zone.ts';

/**
 * Which checklist item a document is, by what it says: a machine-readable zone first (passports,
 * residence cards), then the titles and terms the checklist file keeps for each item (German,
 * English, Turkish), the file name last and weakest. Each answer says how it was made and how sure
 * it is; below CONFIRMATION_THRESHOLD, or with anything to point out, a caseworker confirms it.
 */

/** At or above this confidence an assignment counts without a caseworker (0–1). */
export const CONFIRMATION_THRESHOLD = 0.75;

/**
 * A file name naming exactly one item, with nothing in the content saying otherwise: just above
 * the threshold, since the applicant said what it is (and the existing named-file behaviour stays).
 */
export const FILENAME_CONFIDENCE = 0.78;

/** A title within this many characters of a page's start is the document's own heading. */
const HEADING_CHARS = 400;

/** Fewer letters than this on every page: nothing legible (a photo, a blank or failed scan). */
const MIN_LEGIBLE_LETTERS = 20;

/** What was read from one file. */
export interface DocumentContent {
  /** Text of each page (text layer or OCR); one empty string for a file with nothing to read. */
  readonly pages: readonly string[];
  readonly filename: string | null;
}

/** Something a caseworker should see; `confirm`: the assignment waits for them. */
export interface RecognitionNote {
  readonly text: string;
  readonly confirm: boolean;
}

/** What the MRZ says about the document (not the person: names stay out of it). */
export interface MrzFacts {
  readonly documentCode: string;
  readonly documentNumber: string | null;
  readonly expiryDate: string | null;
  readonly checkDigitsValid: boolean;
}

export interface DocumentRecognition {
  /** The checklist item, or null. */
  readonly item: string | null;
  /** How: "MRZ", "Text: Mietvertrag", "Dateiname"; null when nothing pointed anywhere. */
  readonly method: string | null;
  /** 0–1. */
  readonly confidence: number;
  /** Items it may be, most likely first (for the caseworker, and so no query asks for them). */
  readonly candidates: readonly string[];
  /** Months (YYYY-MM) the document is for, where its item counts months. */
  readonly months: readonly string[];
  readonly pageCount: number;
  readonly pageMarkers: PageMarkers;
  readonly notes: readonly RecognitionNote[];
  /** Whether any text could be read at all. */
  readonly legible: boolean;
  readonly mrz?: MrzFacts;
}

interface Evidence {
  readonly item: ChecklistItemDefinition;
  /** The title found, as the checklist spells it. */
  readonly title: string | null;
  /** Whether that title stands in a page's heading. */
  readonly heading: boolean;
  readonly terms: number;
  readonly score: number;
}

interface PhraseIndex {
  readonly tokens: readonly string[];
  readonly joined: string;
  readonly folded: string;
}

function indexOf(text: string): PhraseIndex {
  const folded = foldText(text);
  const tokens = folded.split(/[^a-z0-9]+/).filter((t) => t !== '');
  return { tokens, joined: ` ${tokens.join(' ')} `, folded };
}

/** Position (in tokens) of a phrase in the text, or -1. One-word phrases also match a word's start. */
function findPhrase(index: PhraseIndex, phrase: string): number {
  const words = foldText(phrase)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  if (words.length === 0) return -1;
  if (words.length === 1) {
    const [word] = words as [string];
    return index.tokens.findIndex((t) => t === word || (word.length >= 5 && t.startsWith(word)));
  }
  const at = index.joined.indexOf(` ${words.join(' ')} `);
  return at < 0 ? -1 : index.joined.slice(0, at).split(' ').length - 1;
}

function evidenceFor(
  item: ChecklistItemDefinition,
  pages: readonly PhraseIndex[],
  all: PhraseIndex,
): Evidence {
  const rules = item.recognition;
  if (rules === undefined) return { item, title: null, heading: false, terms: 0, score: 0 };
  let title: string | null = null;
  let heading = false;
  for (const candidate of rules.titles) {
    for (const page of pages) {
      const at = findPhrase(page, candidate);
      if (at < 0) continue;
      const inHeading = page.tokens.slice(0, at).join(' ').length < HEADING_CHARS;
      // A heading beats a mention; among equals the longer title says more.
      if (
        title === null ||
        (inHeading && !heading) ||
        (inHeading === heading && candidate.length > title.length)
      ) {
        title = candidate;
        heading = inHeading;
      }
    }
  }
  const terms =
    rules.terms.filter((term) => findPhrase(all, term) >= 0).length +
    (rules.patterns ?? []).filter((pattern) => new RegExp(pattern, 'u').test(all.folded)).length;
  const score = (title === null ? 0 : heading ? 3 : 1.5) + Math.min(terms, 4);
  return { item, title, heading, terms, score };
}

function textConfidence(best: Evidence, second: Evidence | undefined): number {
  let confidence: number;
  if (best.title !== null && best.heading)
    confidence = best.terms >= 2 ? 0.92 : best.terms === 1 ? 0.85 : 0.7;
  else if (best.title !== null) confidence = best.terms >= 2 ? 0.75 : 0.55;
  else confidence = best.terms >= 4 ? 0.6 : 0.45;
  // Two items about as likely: a person decides.
  if (second !== undefined && second.score >= best.score - 1) confidence -= 0.2;
  return confidence;
}

const round = (n: number): number => Math.round(Math.max(0, Math.min(0.99, n)) * 100) / 100;

/** The item whose heading each page carries, in page order (several documents in one scan). */
function headingItems(checklist: ChecklistDefinition, pages: readonly PhraseIndex[]): string[] {
  const found: string[] = [];
  for (const page of pages) {
    const onPage = checklist.items
      .map((item) => evidenceFor(item, [page], page))
      .filter((e) => e.title !== null && e.heading && e.terms >= 1)
      .sort((a, b) => b.score - a.score)[0];
    if (onPage !== undefined && found.at(-1) !== onPage.item.id) found.push(onPage.item.id);
  }
  return [...new Set(found)];
}

/**
 * Recognises one document of a case. `identity` is what the case knows of the applicant, for
 * comparing a passport's MRZ; `now` dates the expiry notice.
 */
export function recogniseContent(
  content: DocumentContent,
  checklist: ChecklistDefinition,
  identity: CaseIdentity,
  now: Date,
): DocumentRecognition {
  const pages = content.pages.length === 0 ? [''] : content.pages;
  const fullText = pages.join('\n');
  const pageIndexes = pages.map(indexOf);
  const all = indexOf(fullText);
  const legible = all.folded.replace(/[^a-z]/g, '').length >= MIN_LEGIBLE_LETTERS;
  const byName =
    content.filename === null
      ? null
      : recogniseDocument(
          { filename: content.filename },
          { subject: null, text: '', documentCount: 0 },
          checklist,
        );
  const notes: RecognitionNote[] = [];
  const base = {
    pageCount: content.pages.length,
    pageMarkers: pageMarkersIn(`${fullText}\n${content.filename ?? ''}`),
    legible,
  };
  const monthsOf = (itemId: string | null): string[] => {
    const item = checklist.items.find((i) => i.id === itemId);
    if (item?.quantity?.distinctMonths === undefined) return [];
    const read = monthsIn(fullText);
    return read.length > 0 ? read : monthsIn(content.filename ?? '');
  };

  const mrz = findMrz(fullText, now);
  const mrzItem =
    mrz === null
      ? undefined
      : checklist.items.find((item) =>
          (item.recognition?.mrz ?? []).some(
            (code) => mrz.documentCode === code || mrz.documentCode.startsWith(code),
          ),
        );
  if (mrz !== null && mrzItem !== undefined) {
    notes.push(
      ...mrzNotes(mrz, identity, now).map((text) => ({
        text,
        confirm: !text.startsWith('Läuft am'),
      })),
    );
    return {
      ...base,
      item: mrzItem.id,
      method: 'MRZ',
      confidence: mrz.checkDigitsValid ? 0.98 : 0.6,
      candidates: [mrzItem.id],
      months: [],
      notes,
      mrz: {
        documentCode: mrz.documentCode,
        documentNumber: mrz.documentNumber,
        expiryDate: mrz.expiryDate,
        checkDigitsValid: mrz.checkDigitsValid,
      },
    };
  }

  const ranked = checklist.items
    .map((item) => evidenceFor(item, pageIndexes, all))
    .filter((e) => e.score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  const several = headingItems(checklist, pageIndexes);
  if (several.length > 1) {
    const labels = several.map((id) => checklist.items.find((i) => i.id === id)!.label.de).join(', ');
    notes.push({ text: `Mehrere Dokumente in einer Datei? (${labels})`, confirm: true });
  }

  if (best !== undefined && best.score >= 2) {
    let confidence = textConfidence(best, second);
    if (byName === best.item.id) confidence += 0.05;
    else if (byName !== null) {
      confidence -= 0.15;
      const named = checklist.items.find((i) => i.id === byName)!.label.de;
      notes.push({ text: `Dateiname deutet auf „${named}“`, confirm: true });
    }
    return {
      ...base,
      item: best.item.id,
      method: best.title === null ? 'Text' : `Text: ${best.title}`,
      confidence: round(confidence),
      candidates: ranked.filter((e) => e.score >= 2).map((e) => e.item.id),
      months: monthsOf(best.item.id),
      notes,
    };
  }

  const weak = ranked.map((e) => e.item.id);
  if (byName !== null) {
    return {
      ...base,
      item: byName,
      method: 'Dateiname',
      confidence: FILENAME_CONFIDENCE,
      candidates: [byName, ...weak.filter((id) => id !== byName)],
      months: monthsOf(byName),
      notes,
    };
  }
  if (!legible) notes.push({ text: 'Kein lesbarer Text: bitte ansehen und zuordnen', confirm: true });
  return { ...base, item: null, method: null, confidence: 0, candidates: weak, months: [], notes };
}

/** Whether a recognition waits for a caseworker: not sure enough, or something to look at. */
export function needsConfirmation(
  recognition: Pick<DocumentRecognition, 'item' | 'confidence' | 'notes'>,
): boolean {
  return (
    recognition.item !== null &&
    (recognition.confidence < CONFIRMATION_THRESHOLD || recognition.notes.some((n) => n.confirm))
  );
}

/**
 * What is known of a document before its content is read: the file name's guess (or nothing),
 * which RecognizeDocuments replaces.
 */
export function recognitionByName(
  filename: string | null,
  checklist: ChecklistDefinition,
): DocumentRecognition {
  const byName =
    filename === null
      ? null
      : recogniseDocument({ filename }, { subject: null, text: '', documentCount: 0 }, checklist);
  const item = checklist.items.find((i) => i.id === byName);
  return {
    item: byName,
    method: byName === null ? null : 'Dateiname',
    confidence: byName === null ? 0 : FILENAME_CONFIDENCE,
    candidates: byName === null ? [] : [byName],
    months: item?.quantity?.distinctMonths === undefined ? [] : monthsIn(filename ?? ''),
    pageCount: 0,
    pageMarkers: pageMarkersIn(filename ?? ''),
    notes: [],
    legible: false,
  };
}
