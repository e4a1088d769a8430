import { TRIAGE_REASON_DE } from '../domain/triage-digest.ts';
import type { TriageReason } from '../domain/triage.ts';
import type { ApplicantNotices } from '../domain/applicant-notices.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { TriageRepository } from '../domain/triage.ts';
import type { RecordDocuments, RecordDocumentsResult } from './record-documents.ts';

/** The triage entry or case named does not exist, or the entry cannot be assigned. */
export class AssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignmentError';
  }
}

/**
 * A person's decision on a triage entry: this email belongs to that case. Records its documents
 * as if it had matched, optionally registers the sender as a contact, and takes it off the list.
 */
export class AssignFromTriage {
  readonly #triage: TriageRepository;
  readonly #cases: CaseRepository;
  readonly #record: RecordDocuments;
  readonly #notices: ApplicantNotices | null;

  constructor(deps: {
    triage: TriageRepository;
    cases: CaseRepository;
    record: RecordDocuments;
    /** Acknowledges the email to the case's contacts as if it had matched; none: nothing is sent. */
    notices?: ApplicantNotices;
  }) {
    this.#triage = deps.triage;
    this.#cases = deps.cases;
    this.#record = deps.record;
    this.#notices = deps.notices ?? null;
  }

  async run(
    messageId: string,
    reference: string,
    options: { addContact: boolean },
  ): Promise<RecordDocumentsResult> {
    const entry = await this.#triage.get(messageId);
    if (entry === null) throw new AssignmentError(`No message ${messageId} waits in triage`);
    if (entry.email === undefined) {
      throw new AssignmentError(
        `Message ${messageId} was held before it could be read (${entry.reason}); it cannot be assigned as it is`,
      );
    }
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new AssignmentError(`No case ${reference}`);
    if (options.addContact) {
      if (entry.email.from === null) {
        // An ambiguous From never becomes a contact: which of its addresses is the applicant's?
        throw new AssignmentError(
          entry.email.senderAmbiguity === null
            ? 'The message has no sender address to add'
            : `The message names no single sender (${entry.email.senderAmbiguity}); assign it without adding a contact`,
        );
      }
      await this.#cases.addContact(reference, entry.email.from);
    }
    const result = await this.#record.run(
      reference,
      entry.email,
      `aus dem Eingang zugeordnet (${TRIAGE_REASON_DE[entry.reason as TriageReason] ?? entry.reason})`,
    );
    // Only to the case's registered contacts (the acknowledgement never goes to whoever wrote).
    await this.#notices?.submissionAssigned(reference, messageId);
    await this.#triage.remove(messageId);
    return result;
  }
}
