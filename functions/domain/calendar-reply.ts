/**
 * An applicant's answer to an invitation from their calendar program (iTIP REPLY, RFC 5546
 * §3.2.3): "Accept" or "Decline" sends the event back with the attendee's participation status.
 * It is an answer about the appointment, not a document and no sign the file is complete.
 */
export interface CalendarReply {
  /** ACCEPTED, DECLINED or TENTATIVE (other values are read as TENTATIVE: not a clear yes). */
  readonly answer: 'accepted' | 'declined' | 'tentative';
  /** The UID of the event answered (ours: `<decision id>@<domain>`), or null. */
  readonly uid: string | null;
  /** The attendee's comment, if the program sends one (Outlook's "Edit response"). */
  readonly comment: string | null;
}

/** A calendar answer is a few hundred bytes; more than this is not read for one. */
export const MAX_CALENDAR_REPLY_BYTES = 64 * 1024;

/** Bounds of what is kept (it travels in workflow state): a UID and a short comment. */
const MAX_UID_CHARS = 255;
const MAX_COMMENT_CHARS = 1000;

/** Unfolds content lines (RFC 5545 §3.1: CRLF followed by a space or tab continues a line). */
function contentLines(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

/** TEXT values unescaped (RFC 5545 §3.3.11). */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** @returns the answer when the text is an iCalendar REPLY with an attendee's status, else null. */
export function readCalendarReply(text: string): CalendarReply | null {
  const lines = contentLines(text);
  const property = (name: string): string | undefined =>
    lines.find((line) => new RegExp(`^${name}[;:]`, 'i').test(line));
  const valueOf = (line: string | undefined): string | null =>
    line === undefined ? null : line.slice(line.indexOf(':', line.search(/[;:]/)) + 1).trim();
  if (valueOf(property('METHOD'))?.toUpperCase() !== 'REPLY') return null;
  const attendee = property('ATTENDEE');
  const status = attendee === undefined ? null : /;PARTSTAT=([A-Z-]+)/i.exec(attendee)?.[1]?.toUpperCase();
  if (status === undefined || status === null) return null;
  const comment = valueOf(property('COMMENT'));
  return {
    answer: status === 'ACCEPTED' ? 'accepted' : status === 'DECLINED' ? 'declined' : 'tentative',
    uid: valueOf(property('UID'))?.slice(0, MAX_UID_CHARS) ?? null,
    comment: comment === null || comment === '' ? null : unescapeText(comment).slice(0, MAX_COMMENT_CHARS),
  };
}

/** The answer as the case log and the caseworker read it. */
export const CALENDAR_ANSWER_DE: Readonly<Record<CalendarReply['answer'], string>> = {
  accepted: 'Termin zugesagt',
  declined: 'Termin abgesagt',
  tentative: 'Termin unter Vorbehalt zugesagt',
};
