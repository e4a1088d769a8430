import assert from 'node:assert/strict';
import ICAL from 'ical.js';

/** What a checked iTIP message says about its one event. */
export interface ItipEvent {
  readonly uid: string;
  readonly sequence: number;
  readonly start: Date;
  readonly status: string | null;
  readonly alarms: number;
}

/**
 * Parses an iCalendar text with ical.js and checks it against RFC 5546's restriction tables for
 * the method (§3.2.2 REQUEST, §3.2.5 CANCEL): the properties that must be there once, the ones
 * that may not, and the values they must have. Throws (an assertion) on the first violation.
 */
export function checkItip(text: string, method: 'REQUEST' | 'CANCEL'): ItipEvent {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('method'), method, 'METHOD');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0', 'VERSION');
  assert.ok(calendar.getFirstPropertyValue('prodid'), 'PRODID');
  const events = calendar.getAllSubcomponents('vevent');
  assert.equal(events.length, 1, 'one VEVENT');
  const vevent = events[0]!;
  const once = (name: string): void =>
    assert.equal(vevent.getAllProperties(name).length, 1, `${name.toUpperCase()} exactly once (${method})`);
  for (const name of ['dtstamp', 'organizer', 'uid', 'sequence']) once(name);
  assert.ok(vevent.getAllProperties('attendee').length >= 1, 'ATTENDEE 1+');
  const sequence = Number(vevent.getFirstPropertyValue('sequence'));
  assert.ok(Number.isInteger(sequence) && sequence >= 0, 'SEQUENCE is a non-negative integer');
  const status = vevent.getFirstPropertyValue('status') as string | null;
  if (method === 'REQUEST') {
    for (const name of ['dtstart', 'summary']) once(name);
    assert.ok(status === null || ['CONFIRMED', 'TENTATIVE'].includes(status), `STATUS ${status}`);
    assert.ok(
      vevent.getAllProperties('dtend').length + vevent.getAllProperties('duration').length <= 1,
      'DTEND or DURATION, not both',
    );
  } else {
    // CANCEL: the whole event; STATUS, if there, is CANCELLED; no alarms (table 3.2.5: VALARM 0).
    assert.ok(status === null || status === 'CANCELLED', `STATUS ${status}`);
    assert.equal(vevent.getAllSubcomponents('valarm').length, 0, 'no VALARM in a CANCEL');
  }
  for (const name of ['dtstamp', 'dtstart', 'dtend']) {
    const value = vevent.getFirstPropertyValue(name) as ICAL.Time | null;
    if (value !== null) assert.ok(value.zone === ICAL.Timezone.utcTimezone, `${name.toUpperCase()} in UTC`);
  }
  const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  return {
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence,
    start: start.toJSDate(),
    status,
    alarms: vevent.getAllSubcomponents('valarm').length,
  };
}
