import type { CaseDocument, CaseFile, CaseStatus, RecognitionRecord } from './case-file.ts';
import type { CaseLogEntry } from './case-log.ts';
import type { ScheduledAppointment } from './decision.ts';

/** Where cases, their contacts, documents and log live. Writes are safe under concurrency. */
export interface CaseRepository {
  /** A new case reference for the year, from an atomic counter; it may still be taken (check `create`). */
  nextReference(year: number): Promise<string>;
  /**
   * Creates the case with its contacts, only if no case has its reference: `exists` when one has
   * (nothing changes). The counter never draws a reference created here later on.
   */
  create(caseFile: CaseFile): Promise<'created' | 'exists'>;
  get(reference: string): Promise<CaseFile | null>;
  /** Cases the address is a registered contact of, in any status. */
  casesByContact(address: string): Promise<CaseFile[]>;
  /** Cases that sent an email with this Message-ID (as SES assigned it, or our own id). */
  casesBySentMessageId(messageId: string): Promise<CaseFile[]>;
  addContact(reference: string, address: string): Promise<void>;
  /** Changes the status only if it is one of `from`; false when it was not. */
  setStatus(reference: string, from: readonly CaseStatus[], to: CaseStatus): Promise<boolean>;
  /** Adds a document; `duplicate` when the same bytes are already a document of the case. */
  addDocument(reference: string, document: CaseDocument): Promise<'added' | 'duplicate'>;
  /** A caseworker's (re)assignment of a document to a checklist item (null: none). */
  assignDocument(reference: string, sha256: string, checklistItem: string | null): Promise<boolean>;
  /**
   * Content recognition's result for a document: its item and how it was made. A caseworker's
   * assignment is never overwritten (false then, and when there is no such document).
   */
  recordRecognition(
    reference: string,
    sha256: string,
    checklistItem: string | null,
    recognition: RecognitionRecord,
  ): Promise<boolean>;
  /** A caseworker confirms a document's assignment as it stands; false when there is no such document. */
  confirmDocument(reference: string, sha256: string, caseworker: string, at: string): Promise<boolean>;
  documents(reference: string): Promise<CaseDocument[]>;
  /** Appends to the log; the same message in the same direction is logged once. */
  appendLog(reference: string, entry: CaseLogEntry): Promise<void>;
  log(reference: string): Promise<CaseLogEntry[]>;
  /** Remembers Message-IDs of an email sent for the case, for thread matching. */
  recordSentMessageIds(reference: string, messageIds: readonly string[]): Promise<void>;
  /** The case's appointment (the last invitation or its cancellation); null when never invited. */
  appointment(reference: string): Promise<ScheduledAppointment | null>;
  /**
   * Saves the appointment if the stored one is still the one of `previousDecisionId` (null: none
   * stored), so two decisions at once cannot both build on the same; false when it had changed.
   */
  saveAppointment(
    reference: string,
    appointment: ScheduledAppointment,
    previousDecisionId: string | null,
  ): Promise<boolean>;
}
