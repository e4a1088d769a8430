import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { checkItip } from '../helpers/itip.ts';
import {
  cancellationEvent,
  escapeText,
  foldLine,
  invitationEvent,
  InvalidInvitationError,
  MAX_LINE_OCTETS,
  type Invitation,
} from '../../functions/domain/icalendar.ts';

const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  uid: 'einladung-ABH-2026-004711@intake.example.org',
  start: new Date('2026-03-16T08:30:00Z'),
  durationMinutes: 30,
  summary: 'Vorsprache Ausländerbehörde – ABH-2026-004711',
  description: 'Bitte bringen Sie Ihren Reisepass mit.\nPlease bring your passport.',
  location: 'Ausländerbehörde, Zimmer 2.14, Königstraße 5, 70173 Stuttgart',
  organizerEmail: 'intake@intake.example.org',
  attendeeEmail: 'ayse.yilmaz@example.org',
  now: new Date('2026-03-01T10:15:42.123Z'),
  ...overrides,
});

/** The one VEVENT, as a real iCalendar parser reads the text. */
function parsedEvent(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent, 'has a VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** The content lines as octets, split on CRLF (the text ends with one). */
function octetLines(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
    }
  }
  assert.equal(start, bytes.length, 'ends with CRLF');
  return lines;
}

describe('invitationEvent', () => {
  it('round-trips start, end, summary, location, uid, organizer and attendee through ical.js', () => {
    const text = invitationEvent(invitation());

    const { calendar, vevent, event } = parsedEvent(text);

    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.ok(String(calendar.getFirstPropertyValue('prodid')).length > 0);
    assert.equal(calendar.getAllSubcomponents('vevent').length, 1);
    assert.equal(event.uid, 'einladung-ABH-2026-004711@intake.example.org');
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-03-16T08:30:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2026-03-16T09:00:00.000Z');
    assert.equal(event.startDate.zone?.tzid, 'UTC');
    assert.equal(event.summary, 'Vorsprache Ausländerbehörde – ABH-2026-004711');
    assert.equal(event.location, 'Ausländerbehörde, Zimmer 2.14, Königstraße 5, 70173 Stuttgart');
    assert.equal(event.description, 'Bitte bringen Sie Ihren Reisepass mit.\nPlease bring your passport.');
    assert.equal(vevent.getFirstPropertyValue('organizer'), 'mailto:intake@intake.example.org');
    const attendee = vevent.getFirstProperty('attendee')!;
    assert.equal(attendee.getFirstValue(), 'mailto:ayse.yilmaz@example.org');
    assert.equal(attendee.getParameter('rsvp'), 'FALSE');
  });

  it('writes DTSTAMP, DTSTART and DTEND in UTC form without fractions of a second', () => {
    const text = invitationEvent(invitation());

    assert.match(text, /\r\nDTSTAMP:20260301T101542Z\r\n/);
    assert.match(text, /\r\nDTSTART:20260316T083000Z\r\n/);
    assert.match(text, /\r\nDTEND:20260316T090000Z\r\n/);
  });

  it('is a valid RFC 5546 REQUEST, SEQUENCE 0 unless it replaces an earlier one', () => {
    assert.equal(checkItip(invitationEvent(invitation()), 'REQUEST').sequence, 0);
    const replacement = checkItip(invitationEvent(invitation({ sequence: 2 })), 'REQUEST');
    assert.equal(replacement.sequence, 2);
    assert.equal(replacement.uid, 'einladung-ABH-2026-004711@intake.example.org');
  });

  it('cancels with a valid RFC 5546 CANCEL: same UID, its SEQUENCE, STATUS:CANCELLED, no alarm', () => {
    const text = cancellationEvent(invitation({ sequence: 1 }));
    const cancel = checkItip(text, 'CANCEL');
    assert.deepEqual(
      [cancel.uid, cancel.sequence, cancel.status, cancel.alarms],
      ['einladung-ABH-2026-004711@intake.example.org', 1, 'CANCELLED', 0],
    );
    assert.throws(() => checkItip(text, 'REQUEST'), /METHOD/);
    assert.throws(() => invitationEvent(invitation({ sequence: -1 })), InvalidInvitationError);
  });

  it('carries a display alarm one day before the start', () => {
    const { vevent } = parsedEvent(invitationEvent(invitation()));

    const alarm = vevent.getFirstSubcomponent('valarm');
    assert.ok(alarm);
    assert.equal(alarm.getFirstPropertyValue('action'), 'DISPLAY');
    const trigger = alarm.getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>;
    assert.equal(trigger.toSeconds(), -24 * 60 * 60);
    assert.ok(String(alarm.getFirstPropertyValue('description')).length > 0, 'DISPLAY needs a DESCRIPTION');
  });

  it('ends every line with CRLF and has no bare line feed or carriage return', () => {
    const text = invitationEvent(invitation());

    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/);
  });

  it('escapes backslash, comma, semicolon and line breaks in text so they survive parsing', () => {
    const tricky = 'C:\\Akten\\ABH; Termin, bitte\r\npünktlich\rsein\nDanke';

    const text = invitationEvent(invitation({ summary: tricky, description: tricky, location: tricky }));

    const { event } = parsedEvent(text);
    const expected = 'C:\\Akten\\ABH; Termin, bitte\npünktlich\nsein\nDanke';
    assert.equal(event.summary, expected);
    assert.equal(event.description, expected);
    assert.equal(event.location, expected);
    assert.ok(text.includes('SUMMARY:C:\\\\Akten\\\\ABH\\; Termin\\, bitte\\npünktlich\\nsein\\nDanke'));
  });

  it('folds long lines at 75 octets and never splits a multi-byte character', () => {
    // Umlauts (2 octets), a euro sign (3) and emoji (4) at every possible offset of a fold.
    const location = 'Ä'.repeat(50) + 'x€'.repeat(30) + '🙂ö'.repeat(40) + 'ß'.repeat(7);
    const description = 'Öffnungszeiten: Mo–Fr; bitte Unterlagen mitbringen, '.repeat(20);

    const text = invitationEvent(invitation({ location, description }));

    const lines = octetLines(text);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of lines) {
      assert.ok(line.length <= MAX_LINE_OCTETS, `${line.length} octets: ${line.toString('utf8')}`);
      assert.doesNotThrow(() => decoder.decode(line), 'each physical line is valid UTF-8 on its own');
    }
    assert.ok(lines.filter((l) => l[0] === 0x20).length > 10, 'long values are folded');
    const { event } = parsedEvent(text);
    assert.equal(event.location, location);
    assert.equal(event.description, description);
  });

  it('folds exactly at the limit: 75 octets stay on one line, 76 make a continuation line', () => {
    const exactly = 'X'.repeat(MAX_LINE_OCTETS);
    const oneMore = 'X'.repeat(MAX_LINE_OCTETS + 1);

    assert.equal(foldLine(exactly), exactly);
    assert.equal(foldLine(oneMore), `${'X'.repeat(MAX_LINE_OCTETS)}\r\n X`);
  });

  it('moves a two-octet umlaut to the next line rather than cutting it at octet 75', () => {
    const line = 'X'.repeat(MAX_LINE_OCTETS - 1) + 'ü';

    const folded = foldLine(line);

    assert.equal(folded, `${'X'.repeat(MAX_LINE_OCTETS - 1)}\r\n ü`);
  });

  it('keeps umlauts in summary and location intact as UTF-8 in the text', () => {
    const text = invitationEvent(invitation({ summary: 'Rückfrage Müller', location: 'Straße' }));

    assert.ok(text.includes('SUMMARY:Rückfrage Müller\r\n'));
    assert.ok(text.includes('LOCATION:Straße\r\n'));
  });

  it('drops control characters that TEXT does not allow', () => {
    assert.equal(escapeText('a\u0000b\u0007c\td'), 'abc\td');
  });

  it('refuses a non-positive or fractional duration, an invalid date and an address that would break the line', () => {
    assert.throws(() => invitationEvent(invitation({ durationMinutes: 0 })), InvalidInvitationError);
    assert.throws(() => invitationEvent(invitation({ durationMinutes: 1.5 })), InvalidInvitationError);
    assert.throws(() => invitationEvent(invitation({ start: new Date('nope') })), InvalidInvitationError);
    assert.throws(
      () => invitationEvent(invitation({ attendeeEmail: 'a@example.org\r\nATTENDEE:mailto:b@example.org' })),
      InvalidInvitationError,
    );
    assert.throws(
      () => invitationEvent(invitation({ organizerEmail: 'a;b@example.org' })),
      InvalidInvitationError,
    );
    assert.throws(() => invitationEvent(invitation({ uid: 'x\r\ny' })), InvalidInvitationError);
  });
});
