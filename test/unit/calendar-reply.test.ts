import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCalendarReply } from '../../functions/domain/calendar-reply.ts';
import { invitationEvent } from '../../functions/domain/icalendar.ts';

const reply = (partstat: string, extra: string[] = []): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    'UID:ABH-2026-000001-invitation-abc@intake.example.org',
    `ATTENDEE;CN="Yılmaz, Ayşe";PARTSTAT=${partstat}:mailto:ayse@example.org`,
    ...extra,
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

describe('readCalendarReply', () => {
  it('reads accept, decline and tentative with the UID', () => {
    assert.deepEqual(readCalendarReply(reply('ACCEPTED')), {
      answer: 'accepted',
      uid: 'ABH-2026-000001-invitation-abc@intake.example.org',
      comment: null,
    });
    assert.equal(readCalendarReply(reply('DECLINED'))?.answer, 'declined');
    assert.equal(readCalendarReply(reply('TENTATIVE'))?.answer, 'tentative');
  });

  it('reads a folded ATTENDEE line and an escaped comment', () => {
    const text = reply('DECLINED', ['COMMENT:Leider nicht\\, ich bin\\nverreist.']).replace(
      'PARTSTAT=DECLINED',
      'ROLE=REQ-PARTICIPANT;\r\n PARTSTAT=DECLINED',
    );
    assert.deepEqual(readCalendarReply(text), {
      answer: 'declined',
      uid: 'ABH-2026-000001-invitation-abc@intake.example.org',
      comment: 'Leider nicht, ich bin\nverreist.',
    });
  });

  it('is null for a REQUEST (an invitation is not an answer) and for text that is no calendar', () => {
    const request = invitationEvent({
      uid: 'x@intake.example.org',
      start: new Date('2027-01-01T09:00:00Z'),
      durationMinutes: 15,
      summary: 's',
      description: 'd',
      location: 'l',
      organizerEmail: 'intake@intake.example.org',
      attendeeEmail: 'ayse@example.org',
      now: new Date('2026-12-01T09:00:00Z'),
    });
    assert.equal(readCalendarReply(request), null);
    assert.equal(readCalendarReply('Hallo'), null);
  });

  it('reads the fixtures: Google accept, Outlook decline', async () => {
    const fixtures = join(import.meta.dirname, '..', 'fixtures');
    const accepted = await readFile(join(fixtures, 'calendar-reply-accepted.eml'), 'utf8');
    const icsPart = accepted.slice(
      accepted.indexOf('BEGIN:VCALENDAR'),
      accepted.indexOf('END:VCALENDAR') + 13,
    );
    assert.equal(readCalendarReply(icsPart)?.answer, 'accepted');
  });
});
