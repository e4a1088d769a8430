import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  appointmentInstant,
  appointmentDay,
  calendarDaysUntil,
  invitationReminderAt,
  formatAppointmentShort,
  InvalidAppointmentError,
} from '../../functions/domain/decision.ts';

const instant = (input: string, timeZone?: string) => appointmentInstant(input, timeZone).at.toISOString();

describe('appointment times (the office is in Europe/Berlin)', () => {
  it('reads a time without offset as local time, winter and summer', () => {
    assert.equal(instant('2027-04-15T10:00'), '2027-04-15T08:00:00.000Z');
    assert.equal(instant('2027-01-14T10:00:00'), '2027-01-14T09:00:00.000Z');
  });

  it('keeps an explicit offset or Z as given', () => {
    assert.equal(instant('2027-04-15T10:00:00+01:00'), '2027-04-15T09:00:00.000Z');
    assert.equal(instant('2027-04-15T10:00:00Z'), '2027-04-15T10:00:00.000Z');
  });

  it('follows the changes of 29 March / 25 October 2026 and 28 March / 31 October 2027', () => {
    assert.equal(instant('2026-03-28T10:00'), '2026-03-28T09:00:00.000Z');
    assert.equal(instant('2026-03-29T10:00'), '2026-03-29T08:00:00.000Z');
    assert.equal(instant('2026-03-29T01:59'), '2026-03-29T00:59:00.000Z');
    assert.equal(instant('2026-03-29T03:00'), '2026-03-29T01:00:00.000Z');
    assert.equal(instant('2026-10-24T10:00'), '2026-10-24T08:00:00.000Z');
    assert.equal(instant('2026-10-25T10:00'), '2026-10-25T09:00:00.000Z');
    assert.equal(instant('2027-03-29T09:00'), '2027-03-29T07:00:00.000Z');
    assert.equal(instant('2027-11-01T09:00'), '2027-11-01T08:00:00.000Z');
  });

  it('refuses a local time the clocks skip, clearly', () => {
    for (const skipped of ['2026-03-29T02:30', '2027-03-28T02:30', '2027-03-28T02:00']) {
      assert.throws(
        () => appointmentInstant(skipped),
        (error: unknown) =>
          error instanceof InvalidAppointmentError &&
          /does not exist in Europe\/Berlin: the clocks go forward/.test(error.message),
      );
    }
  });

  it('takes the first of a doubled hour and says so', () => {
    const first = appointmentInstant('2026-10-25T02:30');
    assert.equal(first.at.toISOString(), '2026-10-25T00:30:00.000Z');
    assert.match(first.ambiguity ?? '', /happens twice in Europe\/Berlin .*2026-10-25T02:30\+02:00/);
    assert.equal(instant('2027-10-31T02:30'), '2027-10-31T00:30:00.000Z');
    assert.equal(appointmentInstant('2027-10-31T03:00').ambiguity, null);
  });

  it('refuses what is not a date and time of the calendar', () => {
    for (const wrong of ['tomorrow', '2027-02-30T10:00', '2027-04-15T25:00', '2027-04-15']) {
      assert.throws(() => appointmentInstant(wrong), InvalidAppointmentError, wrong);
    }
  });

  it('writes the appointment as the applicant reads it, in local time', () => {
    assert.equal(formatAppointmentShort(new Date('2027-04-15T08:00:00Z')), 'Do., 15.04.2027, 10:00 Uhr');
    assert.equal(formatAppointmentShort(new Date('2027-01-14T09:00:00Z')), 'Do., 14.01.2027, 10:00 Uhr');
  });

  it('uses the time zone it is given', () => {
    assert.equal(instant('2027-04-15T10:00', 'Europe/Istanbul'), '2027-04-15T07:00:00.000Z');
  });
});

describe('calendar days to an appointment (Europe/Berlin)', () => {
  const days = (at: string, now: string) => calendarDaysUntil(new Date(at), new Date(now));
  it('counts local calendar days, not periods of 24 hours', () => {
    assert.equal(days('2027-04-15T08:00:00Z', '2027-04-15T05:00:00Z'), 0);
    assert.equal(days('2027-04-15T08:00:00Z', '2027-04-14T21:59:00Z'), 1);
    // 23:30 UTC on the 14th is already the 15th in Berlin.
    assert.equal(days('2027-04-15T08:00:00Z', '2027-04-14T22:30:00Z'), 0);
    assert.equal(days('2027-04-16T08:00:00Z', '2027-04-14T09:00:00Z'), 2);
  });

  it('counts across the DST changes', () => {
    assert.equal(days('2027-03-29T07:00:00Z', '2027-03-27T23:30:00Z'), 1);
    assert.equal(days('2026-10-26T08:00:00Z', '2026-10-24T22:30:00Z'), 1);
  });
});

describe('when the invitation reminder goes out', () => {
  it('a day before the appointment, and not at all when that has passed', () => {
    const now = new Date('2027-04-13T12:00:00Z');
    assert.equal(
      invitationReminderAt(new Date('2027-04-15T08:00:00Z'), now)?.toISOString(),
      '2027-04-14T08:00:00.000Z',
    );
    assert.equal(invitationReminderAt(new Date('2027-04-14T08:00:00Z'), now), null);
    assert.equal(invitationReminderAt(new Date('2027-04-13T15:00:00Z'), now), null);
  });
});

describe('the appointment day', () => {
  const at = new Date('2027-04-15T08:00:00Z');
  it('is today, tomorrow or later, from the real date in the office’s time zone', () => {
    assert.equal(appointmentDay(at, new Date('2027-04-15T04:00:00Z')), 'today');
    assert.equal(appointmentDay(at, new Date('2027-04-14T08:00:00Z')), 'tomorrow');
    // 22:30 UTC on the 13th is already 00:30 on the 14th in Berlin: the day before.
    assert.equal(appointmentDay(at, new Date('2027-04-13T22:30:00Z')), 'tomorrow');
    assert.equal(appointmentDay(at, new Date('2027-04-13T21:30:00Z')), 'later');
    assert.equal(appointmentDay(at, new Date('2027-04-05T08:00:00Z')), 'later');
  });
});
