import { checklistState, type CaseDocument } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { InboundEmail } from '../domain/inbound-email.ts';
import { displayLine } from '../domain/display-text.ts';
import { describeHoldReason, describeReadProblems, NOT_SCANNED_NOTE } from '../domain/read-problems.ts';
import { CALENDAR_ANSWER_DE } from '../domain/calendar-reply.ts';
import {
  bringsSomethingNew,
  formatCaseworkerTime,
  MATCHED_BY_DE,
  placementDe,
  type PendingNotifications,
  type PendingSubmission,
} from '../domain/caseworker-notification.ts';
import type { CaseMailer, SendOutcome } from './case-mailer.ts';
import { CaseNotFoundError, type RecordDocumentsResult } from './record-documents.ts';

/** The applicant's own words in the caseworker's email: enough to act on, not a whole thread. */
const NOTIFICATION_TEXT_CHARS = 2000;

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

/** What NotifyCaseworker did; the workflow routes on `outcome`. */
export type NotifyCaseworkerOutcome =
  /** A calendar answer: told at once, on its own. */
  | { readonly outcome: 'Sent' }
  /** Nothing to tell (an Accept, an absence notice, only copies of what the case has). */
  | { readonly outcome: 'Nothing'; readonly reason: 'not-allowed' | 'automatic-mail' | 'nothing-new' }
  /** The first pending submission of its case: wait `waitSeconds`, then send for all pending. */
  | { readonly outcome: 'Lead'; readonly waitSeconds: number }
  /** Added to a pending notification another submission's run will send. */
  | { readonly outcome: 'Joined' };

/**
 * Tells the case's caseworker (or team mailbox) what arrived. One email per submission that
 * brings something new; a submission of only copies the case has is on the case's log, not
 * mailed. Submissions of one case within `coalesceSeconds` become one email: the first leads (its
 * workflow waits, then SendCaseworkerNotification sends for every one pending), later ones join.
 * What each contributes waits in the table, not in workflow state. A calendar answer (a decline
 * needs a new date) is told at once.
 */
export class NotifyCaseworker {
  readonly #cases: CaseRepository;
  readonly #mailer: CaseMailer;
  readonly #pending: PendingNotifications;
  readonly #coalesceSeconds: number;
  readonly #timeZone: string;

  constructor(deps: {
    cases: CaseRepository;
    mailer: CaseMailer;
    pending: PendingNotifications;
    coalesceSeconds: number;
    /** The office's time zone: dates in the caseworker's email are its local time. */
    timeZone: string;
  }) {
    this.#cases = deps.cases;
    this.#mailer = deps.mailer;
    this.#pending = deps.pending;
    this.#coalesceSeconds = deps.coalesceSeconds;
    this.#timeZone = deps.timeZone;
  }

  async run(
    reference: string,
    email: InboundEmail,
    recorded: RecordDocumentsResult,
    matchedBy: string,
    now: Date,
  ): Promise<NotifyCaseworkerOutcome> {
    const calendar = recorded.next === 'CaseworkerOnly' ? (email.calendarReply ?? null) : null;
    // An Accept is on the case log; it needs no email. A decline (or a maybe) needs a new date.
    if (calendar?.answer === 'accepted') return { outcome: 'Nothing', reason: 'not-allowed' };
    if (calendar !== null) {
      await this.#sendCalendarAnswer(reference, email, matchedBy, calendar);
      return { outcome: 'Sent' };
    }
    // An absence notice without documents is on the case log ("Abwesend bis …"); no email.
    if (recorded.next === 'CaseworkerOnly' && email.automaticReason !== undefined)
      return { outcome: 'Nothing', reason: 'automatic-mail' };
    // This email's documents as the case has them, not what this run added: a retried run (after
    // a failure further on) adds nothing again, yet the caseworker may not have heard of them.
    const added = (await this.#cases.documents(reference)).filter((d) => d.messageId === email.messageId);
    if (!bringsSomethingNew({ ...recorded, added: added.length }))
      return { outcome: 'Nothing', reason: 'nothing-new' };
    const role = await this.#pending.add(reference, pendingSubmission(email, recorded, matchedBy), now);
    return role === 'lead' ? { outcome: 'Lead', waitSeconds: this.#coalesceSeconds } : { outcome: 'Joined' };
  }

  async #sendCalendarAnswer(
    reference: string,
    email: InboundEmail,
    matchedBy: string,
    calendar: NonNullable<InboundEmail['calendarReply']>,
  ): Promise<SendOutcome> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    const documents = await this.#cases.documents(reference);
    const fromThisEmail = documents.filter((d) => d.messageId === email.messageId);
    const labelOf = (document: CaseDocument): string => placementDe(caseFile, document);
    const view = {
      headline: CALENDAR_ANSWER_DE[calendar.answer],
      receivedAt: formatCaseworkerTime(email.receivedAt, this.#timeZone),
      matchedBy: MATCHED_BY_DE[matchedBy] ?? matchedBy,
      ...senderLines(email),
      documents: fromThisEmail.map((d) => ({
        filename: `${displayLine(d.filename ?? '(ohne Namen)')}${d.malwareScan === 'not-scanned' ? ` (${NOT_SCANNED_NOTE})` : ''}`,
        item: labelOf(d),
      })),
      held: heldFiles(email).map((a) => ({
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
      nextStep: `Die antragstellende Person hat den Termin ${calendar.answer === 'declined' ? 'abgesagt' : 'nur unter Vorbehalt zugesagt'} (Antwort aus ihrem Kalender).${calendar.comment === null ? '' : ` Kommentar: ${calendar.comment}`} Ein neuer Termin ersetzt den bisherigen: intake decide ${reference} --invite --at JJJJ-MM-TTTHH:MM.`,
    };
    return this.#mailer.toCaseworker(caseFile, 'caseworker-notification', view, `notify#${email.messageId}`);
  }
}

/** Files held for a person; calendar data and logos the body shows are kept, not quarantined. */
function heldFiles(email: InboundEmail): InboundEmail['attachments'] {
  return email.attachments.filter(
    (a) => !a.accepted && a.reason !== 'calendar' && a.reason !== 'inline-image',
  );
}

/** What one submission contributes to the caseworker's email (kept in the table until sent). */
export function pendingSubmission(
  email: InboundEmail,
  recorded: RecordDocumentsResult,
  matchedBy: string,
): PendingSubmission {
  return {
    messageId: email.messageId,
    receivedAt: email.receivedAt,
    matchedBy,
    ...senderLines(email),
    held: heldFiles(email).map((a) => ({ filename: a.filename, reason: a.reason })),
    readProblems: [...email.readProblems],
    text: email.text.slice(0, NOTIFICATION_TEXT_CHARS),
    next: recorded.next,
  };
}
