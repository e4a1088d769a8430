/**
 * The iCalendar (RFC 5545) attachment of an invitation (Einladung): one appointment at the office,
 * sent as an iTIP request (RFC 5546) so calendar clients offer to add it, with a reminder the day
 * before. Pure text in, text out: the mailer attaches it as `text/calendar; method=REQUEST`.
 */

export interface Invitation {
  /** Globally unique and stable for the appointment: resending with the same UID updates it. */
  readonly uid: string;
  readonly start: Date;
  readonly durationMinutes: number;
  readonly summary: string;
  readonly description: string;
  readonly location: string;
  /** The office's address the invitation comes from (the iTIP organizer). */
  readonly organizerEmail: string;
  /** The applicant's registered contact. */
  readonly attendeeEmail: string;
  /** When the invitation is generated (DTSTAMP). */
  readonly now: Date;
  /**
   * Revision of the event (RFC 5545 §3.8.7.4): 0 for a new appointment, one more for each
   * replacement or the cancellation, so calendars apply the newest. Defaults to 0.
   */
  readonly sequence?: number;
}

/** An invitation that cannot be written as valid iCalendar. */
export class InvalidInvitationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidInvitationError';
  }
}

/** Identifies the product that wrote the calendar (RFC 5545 §3.7.3); ASCII only. */
export const PRODUCT_ID = '-//email-intake//Einladung//DE';

/** RFC 5545 §3.1: content lines should not be longer than 75 octets, excluding the CRLF. */
export const MAX_LINE_OCTETS = 75;

const CRLF = '\r\n';

/**
 * The VCALENDAR of one invitation, METHOD:REQUEST, with CRLF line endings, TEXT values escaped
 * and lines folded at 75 octets without splitting a UTF-8 character.
 */
export function invitationEvent(invitation: Invitation): string {
  return calendar(invitation, 'REQUEST');
}

/**
 * The VCALENDAR that cancels an appointment (RFC 5546 §3.2.5, METHOD:CANCEL): the same UID, a
 * higher SEQUENCE than the invitation it cancels, STATUS:CANCELLED and no alarm.
 */
export function cancellationEvent(invitation: Invitation): string {
  return calendar(invitation, 'CANCEL');
}

function calendar(invitation: Invitation, method: 'REQUEST' | 'CANCEL'): string {
  const { uid, start, durationMinutes, now } = invitation;
  const sequence = invitation.sequence ?? 0;
  if (!Number.isInteger(sequence) || sequence < 0) {
    throw new InvalidInvitationError(`sequence must be a whole number from 0, got ${sequence}`);
  }
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new InvalidInvitationError(
      `durationMinutes must be a positive whole number, got ${durationMinutes}`,
    );
  }
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${checkedUid(uid)}`,
    `DTSTAMP:${utcDateTime(now, 'now')}`,
    `DTSTART:${utcDateTime(start, 'start')}`,
    `DTEND:${utcDateTime(end, 'end')}`,
    `SUMMARY:${escapeText(invitation.summary)}`,
    `DESCRIPTION:${escapeText(invitation.description)}`,
    `LOCATION:${escapeText(invitation.location)}`,
    `ORGANIZER:${mailto(invitation.organizerEmail, 'organizerEmail')}`,
    // RSVP=FALSE: the office asks for no reply by calendar; rescheduling goes by email to the case.
    `ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:${mailto(invitation.attendeeEmail, 'attendeeEmail')}`,
    `SEQUENCE:${sequence}`,
    ...(method === 'REQUEST'
      ? [
          'STATUS:CONFIRMED',
          'TRANSP:OPAQUE',
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeText(invitation.summary)}`,
          'TRIGGER;RELATED=START:-P1D',
          'END:VALARM',
        ]
      : ['STATUS:CANCELLED']),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, every
 * line break becomes `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/**
 * Folds a content line (RFC 5545 §3.1): at most 75 octets per line, continuation lines start with
 * one space (which counts). Splits only between code points, so a multi-byte UTF-8 character (an
 * umlaut, an emoji) is never cut in half.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** Octets of one code point in UTF-8. */
function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** DATE-TIME in UTC form (`19980119T070000Z`, RFC 5545 §3.3.5); whole seconds. */
function utcDateTime(date: Date, field: string): string {
  if (Number.isNaN(date.getTime())) throw new InvalidInvitationError(`${field} is not a valid date`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A UID is written as is: it must be non-empty and free of control characters. */
function checkedUid(uid: string): string {
  // eslint-disable-next-line no-control-regex -- a line break would end the property
  if (uid.trim() === '' || /[\u0000-\u001f\u007f]/.test(uid)) {
    throw new InvalidInvitationError('uid must be non-empty and free of control characters');
  }
  return uid;
}

/**
 * A CAL-ADDRESS (`mailto:` URI). Refuses what would break the property or the URI rather than
 * escaping it: the addresses are the office's own and a registered contact, never odd.
 */
function mailto(address: string, field: string): string {
  const trimmed = address.trim();
  if (!/^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/.test(trimmed)) {
    throw new InvalidInvitationError(`${field} is not a plain email address`);
  }
  return `mailto:${trimmed}`;
}
