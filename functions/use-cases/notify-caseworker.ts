import { awaitsConfirmation, checklistState, type CaseDocument } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { InboundEmail } from '../domain/inbound-email.ts';
import { displayLine } from '../domain/display-text.ts';
import { describeHoldReason, describeReadProblems, NOT_SCANNED_NOTE } from '../domain/read-problems.ts';
import { CALENDAR_ANSWER_DE } from '../domain/calendar-reply.ts';
import type { CaseMailer, SendOutcome } from './case-mailer.ts';
import { CaseNotFoundError, type RecordDocumentsResult } from './record-documents.ts';

/** The applicant's own words in the caseworker's email: enough to act on, not a whole thread. */
const NOTIFICATION_TEXT_CHARS = 2000;

const NEXT_STEP: Readonly<Record<RecordDocumentsResult['next'], string>> = {
  SendQuery:
    'Die antragstellende Person erhält automatisch eine Rückfrage zu den fehlenden Unterlagen (höchstens eine je Zeitraum).',
  ReadyForReview: 'Die Checkliste ist vollständig: der Vorgang ist bereit zur Prüfung.',
  CaseworkerOnly: 'Die Nachricht hat keine Anhänge; es wurde keine automatische Rückfrage versandt.',
};

/** How the email was matched, in the caseworker's words. */
const MATCHED_BY: Readonly<Record<string, string>> = {
  thread: 'Antwort auf eine E-Mail des Amtes',
  'reply-address': 'Antwortadresse des Vorgangs',
  reference: 'Aktenzeichen',
  contact: 'registrierte Absenderadresse',
};

/**
 * Who sent it, and whether SES authenticated that: always said, so a caseworker never takes a
 * forged or unclear sender for the applicant. Only the mailbox address, never a display name.
 */
export function senderLines(email: InboundEmail): { sender: string; senderAuthentication: string } {
  const sender =
    email.from ??
    (email.fromAddresses.length > 0 ? `unklar (${email.fromAddresses.join(', ')})` : 'keine Absenderadresse');
  const { spf, dkim, dmarc } = email.verdicts;
  const checks = `SPF ${spf}, DKIM ${dkim}, DMARC ${dmarc}`;
  return {
    sender,
    senderAuthentication: email.senderVerified
      ? `von SES authentifiziert: ${checks}`
      : `NICHT von SES authentifiziert: ${checks}`,
  };
}

const HEADLINE: Readonly<Record<RecordDocumentsResult['next'], string>> = {
  SendQuery: 'Neue Unterlagen eingegangen',
  ReadyForReview: 'Vorgang vollständig, bereit zur Prüfung',
  CaseworkerOnly: 'Neue Nachricht ohne Anhang',
};

/**
 * Tells the case's caseworker (or team mailbox) what arrived: the documents and where they went
 * on the checklist, anything held in quarantine, anything that could not be read as sent (with
 * the id under which the original email is kept), the checklist state and what happens next. No
 * attachments; the documents stay in the document store.
 */
export class NotifyCaseworker {
  readonly #cases: CaseRepository;
  readonly #mailer: CaseMailer;

  constructor(deps: { cases: CaseRepository; mailer: CaseMailer }) {
    this.#cases = deps.cases;
    this.#mailer = deps.mailer;
  }

  async run(
    reference: string,
    email: InboundEmail,
    recorded: RecordDocumentsResult,
    matchedBy: string,
  ): Promise<SendOutcome> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    const calendar = recorded.next === 'CaseworkerOnly' ? (email.calendarReply ?? null) : null;
    // An Accept is on the case log; it needs no email. A decline (or a maybe) needs a new date.
    if (calendar?.answer === 'accepted') return { sent: false, reason: 'not-allowed' };
    // An absence notice without documents is on the case log ("Abwesend bis …"); no email.
    if (recorded.next === 'CaseworkerOnly' && email.automaticReason !== undefined)
      return { sent: false, reason: 'automatic-mail' };
    const documents = await this.#cases.documents(reference);
    const fromThisEmail = documents.filter((d) => d.messageId === email.messageId);
    // Where it went, how (MRZ, Text: …, Dateiname) and how sure; what waits for the caseworker.
    const labelOf = (document: CaseDocument): string => {
      const label = caseFile.checklist.items.find((i) => i.id === document.checklistItem)?.label.de;
      const r = document.recognition;
      if (label === undefined) {
        if (r?.status === 'pending') return 'nicht zugeordnet (Inhalt nicht gelesen: bitte ansehen)';
        return 'nicht zugeordnet';
      }
      if (r === undefined || r.method === null) return label;
      const how = `${r.method}, ${Math.round(r.confidence * 100)} %`;
      const notes = r.notes.map((n) => `; ${n.text}`).join('');
      return `${awaitsConfirmation(document) ? 'zu bestätigen: ' : ''}${label} (${how}${notes})`;
    };
    const view = {
      headline: calendar === null ? HEADLINE[recorded.next] : CALENDAR_ANSWER_DE[calendar.answer],
      receivedAt: email.receivedAt,
      matchedBy: MATCHED_BY[matchedBy] ?? matchedBy,
      ...senderLines(email),
      // Files no scanner looked at are never presented as checked.
      documents: fromThisEmail.map((d) => ({
        filename: `${displayLine(d.filename ?? '(ohne Namen)')}${d.malwareScan === 'not-scanned' ? ` (${NOT_SCANNED_NOTE})` : ''}`,
        item: labelOf(d),
      })),
      held: email.attachments
        // Calendar data and logos the body shows are kept, not quarantined: not listed as held.
        .filter((a) => !a.accepted && a.reason !== 'calendar' && a.reason !== 'inline-image')
        .map((a) => ({
          filename: displayLine(a.filename ?? '(ohne Namen)'),
          reason: describeHoldReason(a.reason),
        })),
      checklist: checklistState(caseFile, documents).map((item) => ({
        mark: item.fulfilled ? 'x' : item.toConfirm.length > 0 ? '?' : ' ',
        label: `${item.label.de}${item.required ? '' : ' (optional)'}${item.shortfall === undefined ? '' : ` (${item.shortfall})`}`,
      })),
      readProblems: describeReadProblems(email.readProblems).map((text) => ({ text })),
      sesMessageId: email.messageId,
      newText: email.text.slice(0, NOTIFICATION_TEXT_CHARS),
      nextStep:
        calendar === null
          ? NEXT_STEP[recorded.next]
          : `Die antragstellende Person hat den Termin ${calendar.answer === 'declined' ? 'abgesagt' : 'nur unter Vorbehalt zugesagt'} (Antwort aus ihrem Kalender).${calendar.comment === null ? '' : ` Kommentar: ${calendar.comment}`} Ein neuer Termin ersetzt den bisherigen: intake decide ${reference} --invite --at JJJJ-MM-TTTHH:MM.`,
    };
    return this.#mailer.toCaseworker(caseFile, 'caseworker-notification', view, `notify#${email.messageId}`);
  }
}
