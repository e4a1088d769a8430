import { missingItems, type CaseDocument } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import { recogniseDocument } from '../domain/document-recognition.ts';
import { FILENAME_CONFIDENCE, recognitionByName } from '../domain/content-recognition.ts';
import { ABSENCE_REASONS } from '../domain/automatic-mail.ts';
import { CALENDAR_ANSWER_DE } from '../domain/calendar-reply.ts';
import type { InboundEmail } from '../domain/inbound-email.ts';

/**
 * Parts that are kept with the email but are no documents and ask nothing of the applicant: a
 * calendar program's answer to an invitation, an image the HTML body shows (a signature logo).
 */
const NOT_DOCUMENTS: ReadonlySet<string> = new Set(['calendar', 'inline-image']);

export interface RecordDocumentsResult {
  readonly caseReference: string;
  /** Documents new to the case. */
  readonly added: number;
  /** Accepted files the case already had (same bytes). */
  readonly duplicates: number;
  /** Files held for a person (not documents of the case). */
  readonly held: number;
  /** Required checklist items still missing, by id. */
  readonly missing: readonly string[];
  /** Every required item has a document. */
  readonly complete: boolean;
  /**
   * What the workflow does after telling the caseworker: ask for what is missing, report the case
   * ready for review, or nothing automatic (a text-only email is for a person to read).
   */
  readonly next: 'SendQuery' | 'ReadyForReview' | 'CaseworkerOnly';
}

/**
 * How the email was matched, and what it is when it is no ordinary submission: a calendar
 * Accept/Decline (an answer about the appointment) or an absence notice, in words.
 */
function logNote(email: InboundEmail, how: string): string {
  if (email.calendarReply !== undefined) return `${how}; ${CALENDAR_ANSWER_DE[email.calendarReply.answer]}`;
  if (email.automaticReason !== undefined && ABSENCE_REASONS.has(email.automaticReason)) {
    const until = email.absentUntil === undefined ? '' : `: Abwesend bis ${email.absentUntil}`;
    return `${how}; Abwesenheitsnotiz${until}`;
  }
  return how;
}

/** Error for a case that disappeared between matching and recording. */
export class CaseNotFoundError extends Error {
  constructor(reference: string) {
    super(`Case ${reference} does not exist`);
    this.name = 'CaseNotFoundError';
  }
}

/**
 * Adds an email's accepted attachments to its case (one document per content hash), assigns them
 * to checklist items where recognisable, logs the email, and marks the case ready for review once
 * nothing required is missing. Safe to run twice for the same email.
 */
export class RecordDocuments {
  readonly #cases: CaseRepository;

  constructor(cases: CaseRepository) {
    this.#cases = cases;
  }

  async run(reference: string, email: InboundEmail, how: string): Promise<RecordDocumentsResult> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    const accepted = email.attachments.filter((a) => a.accepted && a.location !== null);
    let added = 0;
    for (const attachment of accepted) {
      const checklistItem = recogniseDocument(
        attachment,
        { subject: email.subject, text: email.text, documentCount: accepted.length },
        caseFile.checklist,
      );
      const byName = recognitionByName(attachment.filename, caseFile.checklist);
      // Until RecognizeDocuments has read the file, the name's (or the email's) guess stands.
      const pending = {
        ...byName,
        ...(checklistItem !== byName.item
          ? {
              item: checklistItem,
              method: 'E-Mail-Text',
              confidence: FILENAME_CONFIDENCE,
              candidates: [checklistItem!],
            }
          : {}),
        status: 'pending' as const,
      };
      const document: CaseDocument = {
        sha256: attachment.sha256,
        filename: attachment.filename,
        detectedType: attachment.detectedType,
        size: attachment.size,
        checklistItem,
        assignedBy: null,
        recognition: pending,
        messageId: email.messageId,
        receivedAt: email.receivedAt,
        location: attachment.location!,
        ...(attachment.malwareScan === 'clean' || attachment.malwareScan === 'not-scanned'
          ? { malwareScan: attachment.malwareScan }
          : {}),
      };
      const withAssigner: CaseDocument = {
        ...document,
        assignedBy: document.checklistItem === null ? null : 'recognition',
      };
      if ((await this.#cases.addDocument(reference, withAssigner)) === 'added') added += 1;
    }
    const held = email.attachments.filter((a) => !a.accepted);
    await this.#cases.appendLog(reference, {
      direction: 'in',
      at: email.receivedAt,
      messageId: email.messageId,
      from: email.from,
      to: email.to,
      subject: email.subject,
      documents: accepted.map((a) => a.sha256),
      held: held.map((a) => ({
        filename: a.filename,
        reason: a.reason,
        sha256: a.sha256,
        size: a.size,
        detectedType: a.detectedType,
        location: a.location,
      })),
      // A copy of what the case has is logged here and mailed to no one.
      note:
        accepted.length > 0 && added === 0 && held.length === 0
          ? `${logNote(email, how)}; nur Unterlagen, die der Vorgang schon hat (Duplikat, nicht gemeldet)`
          : logNote(email, how),
      ...(email.automaticReason === undefined ? {} : { automatic: email.automaticReason }),
      verdicts: { ...email.verdicts },
    });
    const missing = missingItems(caseFile, await this.#cases.documents(reference)).map((i) => i.id);
    const complete = missing.length === 0;
    if (complete) await this.#cases.setStatus(reference, ['open'], 'ready-for-review');
    // Only files sent as documents move the checklist on: calendar data alone asks nothing.
    const documentParts = email.attachments.filter((a) => a.accepted || !NOT_DOCUMENTS.has(a.reason ?? ''));
    const next = documentParts.length === 0 ? 'CaseworkerOnly' : complete ? 'ReadyForReview' : 'SendQuery';
    return {
      caseReference: reference,
      added,
      duplicates: accepted.length - added,
      held: held.length,
      missing,
      complete,
      next,
    };
  }
}
