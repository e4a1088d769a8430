import { awaitsConfirmation, checklistState, type CaseDocument, type CaseFile } from './case-file.ts';
import { displayLine } from './display-text.ts';
import { describeHoldReason, describeReadProblems, NOT_SCANNED_NOTE } from './read-problems.ts';
import type { TemplateView } from './message-rendering.ts';
import { formatAppointmentShort } from './decision.ts';

/**
 * The caseworker's email about new submissions: one per submission that brings something new,
 * and submissions for one case within a few minutes coalesced into one. What each submission
 * contributes is kept (in the table, not in workflow state) until that one email goes out.
 */

/** One submission waiting to be told to the caseworker: what the email needs, nothing more. */
export interface PendingSubmission {
  /** The SES message id. */
  readonly messageId: string;
  readonly receivedAt: string;
  /** How it was matched (`thread`, `reply-address`, `reference`, `contact`, `triage`). */
  readonly matchedBy: string;
  /** Who sent it and whether SES authenticated them, in German. */
  readonly sender: string;
  readonly senderAuthentication: string;
  /** Files held for a person, with the reason code. */
  readonly held: readonly { readonly filename: string | null; readonly reason: string | null }[];
  /** ParsedEmail problem codes. */
  readonly readProblems: readonly string[];
  /** The applicant's own words, cut to what a notification shows. */
  readonly text: string;
  /** What the workflow does next for this submission (RecordDocumentsResult['next']). */
  readonly next: 'SendQuery' | 'ReadyForReview' | 'CaseworkerOnly';
}

/** Most submissions one pending record collects; more go into the next email (DynamoDB item size). */
export const MAX_PENDING_SUBMISSIONS = 50;

/**
 * Whether a submission is news for the caseworker: a new document, a held file, or a message
 * with no files (its words are for a person). A copy of what the case already has is not: it is
 * on the case's log, not in anyone's inbox.
 */
export function bringsSomethingNew(recorded: {
  readonly added: number;
  readonly held: number;
  readonly next: PendingSubmission['next'];
}): boolean {
  return recorded.added > 0 || recorded.held > 0 || recorded.next === 'CaseworkerOnly';
}

/**
 * What a submission does to the pending notification of its case: the first one while none is
 * pending leads (waits the window, then sends for all), later ones join it.
 */
export function coalescingRole(pendingBefore: number): 'lead' | 'join' {
  return pendingBefore === 0 ? 'lead' : 'join';
}

/** A date and time as the caseworker reads it: "Mi., 15.04.2026, 10:02 Uhr" in the office's zone. */
export function formatCaseworkerTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatAppointmentShort(at, timeZone);
}

/** How the email was matched, in the caseworker's words. */
export const MATCHED_BY_DE: Readonly<Record<string, string>> = {
  thread: 'Antwort auf eine E-Mail des Amtes',
  'reply-address': 'Antwortadresse des Vorgangs',
  reference: 'Aktenzeichen',
  contact: 'registrierte Absenderadresse',
  triage: 'Zuordnung aus der Triage',
};

const HEADLINE = {
  complete: 'Vorgang vollständig, bereit zur Prüfung',
  documents: 'Neue Unterlagen eingegangen',
  text: 'Neue Nachricht ohne Anhang',
} as const;

/**
 * Where a document went, for the caseworker: its checklist item, how it was placed (MRZ, Text: …,
 * Dateiname) and how sure, what waits for them ("zu bestätigen"), or that nobody has read it yet.
 */
export function placementDe(caseFile: CaseFile, document: CaseDocument): string {
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
}

/**
 * The view of the `caseworker-submissions` email for the submissions collected: every new
 * document of them with its checklist item, every held file with its reason in German, what
 * could not be read, the checklist as it is now, each message's own words, and what happens next.
 */
export function caseworkerSubmissionsView(
  caseFile: CaseFile,
  documents: readonly CaseDocument[],
  submissions: readonly PendingSubmission[],
  timeZone: string,
): TemplateView {
  const ids = new Set(submissions.map((s) => s.messageId));
  const time = (iso: string): string => formatCaseworkerTime(iso, timeZone);
  const labelOf = (document: CaseDocument): string => placementDe(caseFile, document);
  const checklist = checklistState(caseFile, documents);
  const complete = checklist.every((item) => !item.required || item.fulfilled);
  const withFiles = submissions.some((s) => s.next !== 'CaseworkerOnly');
  const headline = !withFiles ? HEADLINE.text : complete ? HEADLINE.complete : HEADLINE.documents;
  const count = submissions.length;
  return {
    headline: count > 1 ? `${headline} (${count} E-Mails)` : headline,
    submissions: submissions.map((s) => ({
      receivedAt: time(s.receivedAt),
      sender: s.sender,
      senderAuthentication: s.senderAuthentication,
      matchedBy: MATCHED_BY_DE[s.matchedBy] ?? s.matchedBy,
    })),
    documents: documents
      .filter((d) => ids.has(d.messageId))
      .map((d) => ({
        filename: `${displayLine(d.filename ?? '(ohne Namen)')}${d.malwareScan === 'not-scanned' ? ` (${NOT_SCANNED_NOTE})` : ''}`,
        item: labelOf(d),
      })),
    held: submissions.flatMap((s) =>
      s.held.map((h) => ({
        filename: displayLine(h.filename ?? '(ohne Namen)'),
        reason: describeHoldReason(h.reason),
      })),
    ),
    readProblems: submissions.flatMap((s) =>
      describeReadProblems(s.readProblems).map((text) => ({
        text: `${text} (SES-Nachrichten-ID ${s.messageId})`,
      })),
    ),
    checklist: checklist.map((item) => ({
      mark: item.fulfilled ? 'x' : ' ',
      label: `${item.label.de}${item.required ? '' : ' (optional)'}`,
    })),
    texts: submissions
      .filter((s) => s.text.trim() !== '')
      .map((s) => ({ receivedAt: time(s.receivedAt), text: s.text })),
    nextStep: !withFiles
      ? 'Die Nachricht hat keine Anhänge; es wurde keine automatische Antwort versandt.'
      : complete
        ? 'Die Checkliste ist vollständig: der Vorgang ist bereit zur Prüfung. Die antragstellende Person hat eine Bestätigung erhalten.'
        : 'Die antragstellende Person erhält automatisch eine Eingangsbestätigung mit den fehlenden Unterlagen (höchstens eine je Zeitraum).',
  };
}

/**
 * The submissions of each case waiting to be told to its caseworker. Concurrent writers agree
 * through conditional writes: exactly one submission leads while none is pending.
 */
export interface PendingNotifications {
  /**
   * Adds a submission to its case's pending notification. `lead` when there was none (the caller
   * waits the window, then sends); `join` when one is pending (its leader sends this one too). The
   * same submission added twice (a retried step) keeps its first answer.
   */
  add(reference: string, submission: PendingSubmission, now: Date): Promise<'lead' | 'join'>;
  /** The pending submissions of a case, oldest first (strongly consistent). */
  pending(reference: string): Promise<PendingSubmission[]>;
  /**
   * Takes the first `count` submissions off (they were sent). Returns how many are still pending:
   * those that joined while the email was being sent; their leader sends again for them.
   */
  remove(reference: string, count: number): Promise<number>;
}
