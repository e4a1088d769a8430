import type { ChecklistDefinition, LocalisedText } from './checklist.ts';
import { addressKey } from './sender-address.ts';

/**
 * A case (Vorgang) as the office's system knows it, identified by its case reference
 * (Aktenzeichen). Contacts are the addresses the applicant registered: automatic replies go only
 * there, and only mail from them (with passing sender authentication) can be matched by address.
 */
export type CaseStatus = 'open' | 'ready-for-review' | 'decided' | 'closed';
export type CaseLanguage = 'de' | 'en';

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
}

export interface ChecklistItemState {
  readonly id: string;
  readonly label: LocalisedText;
  readonly required: boolean;
  /** SHA-256 of the documents assigned to it. */
  readonly documents: readonly string[];
  readonly fulfilled: boolean;
  /** Set when a caseworker ticked or unticked the item by hand (it then decides `fulfilled`). */
  readonly manual?: ManualCheck;
}

/** The checklist with what has arrived for each item; a caseworker's tick by hand overrides it. */
export function checklistState(caseFile: CaseFile, documents: readonly CaseDocument[]): ChecklistItemState[] {
  return caseFile.checklist.items.map((item) => {
    const assigned = documents.filter((d) => d.checklistItem === item.id).map((d) => d.sha256);
    const manual = caseFile.manualChecks?.[item.id];
    return {
      id: item.id,
      label: item.label,
      required: item.required,
      documents: assigned,
      fulfilled: manual?.fulfilled ?? assigned.length > 0,
      ...(manual === undefined ? {} : { manual }),
    };
  });
}

/** Required items that nothing has arrived for yet. */
export function missingItems(caseFile: CaseFile, documents: readonly CaseDocument[]): ChecklistItemState[] {
  return checklistState(caseFile, documents).filter((item) => item.required && !item.fulfilled);
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
