import type { ChecklistDefinition, LocalisedText } from './checklist.ts';
import { needsConfirmation, type DocumentRecognition } from './content-recognition.ts';
import { pagesComplete } from './document-quantities.ts';
import { addressKey } from './sender-address.ts';
import type { CaseLanguage } from './templates/languages.ts';

export type { CaseLanguage } from './templates/languages.ts';
export { CASE_LANGUAGES, isCaseLanguage } from './templates/languages.ts';

/**
 * A case (Vorgang) as the office's system knows it, identified by its case reference
 * (Aktenzeichen). Contacts are the addresses the applicant registered: automatic replies go only
 * there, and only mail from them (with passing sender authentication) can be matched by address.
 */
export type CaseStatus = 'open' | 'ready-for-review' | 'decided' | 'closed';

export interface CaseFile {
  readonly reference: string;
  readonly applicantName: string;
  /** Lowercase email addresses. */
  readonly contacts: readonly string[];
  readonly language: CaseLanguage;
  /** The responsible caseworker or team mailbox. */
  readonly caseworker: string;
  readonly requestType: string;
  readonly status: CaseStatus;
  /** The checklist as it was when the case was opened. */
  readonly checklist: ChecklistDefinition;
  readonly openedAt: string;
  /** ISO date, when known: a passport's MRZ is compared with it. */
  readonly birthDate?: string;
  /**
   * Items a caseworker ticked or unticked by hand (e.g. a document seen at the counter), by item
   * id: they override what the documents say. Absent on cases nobody ticked by hand.
   */
  readonly manualChecks?: Readonly<Record<string, ManualCheck>>;
}

/** A caseworker's own verdict on a checklist item, with why and who. */
export interface ManualCheck {
  readonly fulfilled: boolean;
  readonly note: string;
  readonly by: string;
  readonly at: string;
}

/**
 * Content recognition of a document: `pending` from recording until the RecognizeDocuments step
 * has read it (the file name's guess meanwhile), then `done`.
 */
export type RecognitionRecord = DocumentRecognition & { readonly status: 'pending' | 'done' };

/** A document of a case: one per distinct content (SHA-256), whoever sent it how often. */
export interface CaseDocument {
  readonly sha256: string;
  readonly filename: string | null;
  readonly detectedType: string | null;
  readonly size: number;
  /** Checklist item it fulfils; null when not recognised (a caseworker can assign it). */
  readonly checklistItem: string | null;
  /** How the item was decided: recognised automatically, or set by a caseworker. */
  readonly assignedBy: 'recognition' | 'caseworker' | null;
  readonly messageId: string;
  readonly receivedAt: string;
  readonly location: { readonly bucket: string; readonly key: string };
  /**
   * `not-scanned` when no malware scanner looked at it (local use without ClamAV): shown as such,
   * never as checked. Absent on documents recorded before files were scanned.
   */
  readonly malwareScan?: 'clean' | 'not-scanned';
  /** How recognition placed it; absent on documents recorded before content recognition. */
  readonly recognition?: RecognitionRecord;
  /** The caseworker who confirmed the assignment (or set it), and when. */
  readonly confirmedBy?: string;
  readonly confirmedAt?: string;
}

export interface ChecklistItemState {
  readonly id: string;
  readonly label: LocalisedText;
  readonly required: boolean;
  /** SHA-256 of the documents assigned to it (counting or waiting for confirmation). */
  readonly documents: readonly string[];
  /** SHA-256 of its documents that wait for a caseworker's confirmation ("zu bestätigen"). */
  readonly toConfirm: readonly string[];
  readonly fulfilled: boolean;
  /** What is still short when documents are there but not enough ("1 von 3 Monaten"). */
  readonly shortfall?: string;
  /** Set when a caseworker ticked or unticked the item by hand (it then decides `fulfilled`). */
  readonly manual?: ManualCheck;
}

/**
 * Whether a document counts for its item without a caseworker: set or confirmed by one, recorded
 * before content recognition existed, or recognised surely and with nothing to look at.
 */
export function countsForItem(document: CaseDocument): boolean {
  if (document.checklistItem === null) return false;
  if (document.assignedBy === 'caseworker' || document.confirmedBy !== undefined) return true;
  if (document.recognition === undefined) return true;
  return !needsConfirmation(document.recognition);
}

/** A document with an item that waits for a caseworker. */
export function awaitsConfirmation(document: CaseDocument): boolean {
  return document.checklistItem !== null && !countsForItem(document);
}

/** Months the counting documents of an item cover; one a caseworker confirmed without a read month counts as one. */
function distinctMonths(documents: readonly CaseDocument[]): number {
  const months = new Set<string>();
  for (const d of documents) {
    const read = d.recognition?.months ?? [];
    if (read.length > 0) for (const m of read) months.add(m);
    else if (d.recognition === undefined || d.confirmedBy !== undefined || d.assignedBy === 'caseworker')
      months.add(`unread:${d.sha256}`);
  }
  return months.size;
}

/**
 * The checklist with what has arrived for each item, counted by the item's quantity; a
 * caseworker's tick by hand overrides it.
 */
export function checklistState(caseFile: CaseFile, documents: readonly CaseDocument[]): ChecklistItemState[] {
  return caseFile.checklist.items.map((item) => {
    const assigned = documents.filter((d) => d.checklistItem === item.id);
    const counting = assigned.filter(countsForItem);
    const manual = caseFile.manualChecks?.[item.id];
    let fulfilled = counting.length > 0;
    let shortfall: string | undefined;
    const wanted = item.quantity?.distinctMonths;
    if (fulfilled && wanted !== undefined) {
      const have = distinctMonths(counting);
      fulfilled = have >= wanted;
      if (!fulfilled) shortfall = `${have} von ${wanted} Monaten`;
    }
    if (fulfilled && item.quantity?.allPages === true) {
      // Pages a caseworker confirmed are whole; the others must show all their pages.
      const unconfirmed = counting.filter(
        (d) => d.confirmedBy === undefined && d.assignedBy !== 'caseworker',
      );
      const read = unconfirmed.filter((d) => d.recognition !== undefined);
      if (read.length === unconfirmed.length && read.length > 0) {
        fulfilled = pagesComplete(
          read.map((d) => ({ pageCount: d.recognition!.pageCount, markers: d.recognition!.pageMarkers })),
        );
        if (!fulfilled) shortfall = 'nicht alle Seiten';
      }
    }
    return {
      id: item.id,
      label: item.label,
      required: item.required,
      documents: assigned.map((d) => d.sha256),
      toConfirm: assigned.filter(awaitsConfirmation).map((d) => d.sha256),
      fulfilled: manual?.fulfilled ?? fulfilled,
      ...(shortfall === undefined ? {} : { shortfall }),
      ...(manual === undefined ? {} : { manual }),
    };
  });
}

/** Required items that nothing has arrived for yet. */
export function missingItems(caseFile: CaseFile, documents: readonly CaseDocument[]): ChecklistItemState[] {
  return checklistState(caseFile, documents).filter((item) => item.required && !item.fulfilled);
}

/**
 * Items the case's files may cover while a caseworker has not looked: a waiting assignment covers
 * its item, a file not yet read or not legible may be anything, a file read with a weak guess its
 * candidates. No automatic query asks for these.
 */
export function itemsPossiblyCovered(caseFile: CaseFile, documents: readonly CaseDocument[]): Set<string> {
  const covered = new Set<string>();
  const everything = caseFile.checklist.items.map((i) => i.id);
  for (const d of documents) {
    if (d.assignedBy === 'caseworker' || d.confirmedBy !== undefined || d.recognition === undefined) continue;
    if (awaitsConfirmation(d)) covered.add(d.checklistItem!);
    else if (d.checklistItem === null) {
      const r = d.recognition;
      const unknown = r.status === 'pending' || !r.legible;
      for (const id of unknown ? everything : r.candidates) covered.add(id);
    }
  }
  return covered;
}

/**
 * Trimmed, A–Z lowercased (nothing else: see sender-address.ts); the one form contact addresses
 * are stored and compared in.
 */
export function normaliseAddress(address: string): string {
  return addressKey(address);
}

/** A deliberately simple shape check for addresses typed by caseworkers (not RFC 5322). */
export function looksLikeEmailAddress(address: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(address.trim());
}
