/**
 * A caseworker's decision on a case, carried out by the DecisionWorkflow:
 * - `query` (Rückfrage): the caseworker's own text plus the missing checklist items; one reminder
 *   when no answer comes, then the caseworker is told;
 * - `invitation` (Einladung): an appointment at the Service Point, with a calendar file and a
 *   reminder the day before; while one is pending, a new one replaces it (same calendar UID);
 * - `cancellation` (Absage): the pending appointment is cancelled (METHOD:CANCEL), its reminder
 *   is not sent.
 */
export type Decision =
  | { readonly kind: 'query'; readonly caseReference: string; readonly text: string }
  | { readonly kind: 'invitation'; readonly caseReference: string; readonly appointmentAt: string }
  | { readonly kind: 'cancellation'; readonly caseReference: string };

/**
 * The appointment a case's applicant holds in their calendar: one calendar event (UID) that
 * replacements update (higher SEQUENCE) and a cancellation ends.
 */
export interface ScheduledAppointment {
  readonly uid: string;
  readonly sequence: number;
  readonly appointmentAt: string;
  /** The decision that last sent it (invitation or cancellation). */
  readonly decisionId: string;
  readonly status: 'invited' | 'cancelled';
  /** The earlier time this invitation replaced (same UID), if it replaced one. */
  readonly replaces?: string;
}

/** Whether the applicant still expects to come: invited, and the time is still ahead. */
export function isPendingAppointment(appointment: ScheduledAppointment | null, now: Date): boolean {
  return (
    appointment !== null &&
    appointment.status === 'invited' &&
    new Date(appointment.appointmentAt).getTime() > now.getTime()
  );
}

/** The DecisionWorkflow's input: the decision and its id (also the execution name). */
/**
 * Emails to the applicant that follow from a caseworker's action rather than from an email: the
 * checklist when a case is opened, the acknowledgement of a triaged email once it is assigned.
 * They run through the DecisionWorkflow like decisions (CLI and API start it; its step sends).
 */
export type ApplicantNotice =
  | { readonly kind: 'welcome'; readonly caseReference: string }
  | { readonly kind: 'acknowledgement'; readonly caseReference: string; readonly messageId: string };

export type DecisionRequest = (Decision | ApplicantNotice) & {
  readonly decisionId: string;
  readonly decidedAt: string;
};

/** Longest free text of a caseworker's query (it goes into an email, not a letter). */
export const MAX_QUERY_TEXT_CHARS = 4000;

/**
 * The office's time zone when the stage config names none: appointments are given and written in
 * the office's local time, whatever the server's zone.
 */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

/** An appointment time that names no instant in the office's time zone; says why. */
export class InvalidAppointmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppointmentError';
  }
}

export interface AppointmentInstant {
  readonly at: Date;
  /** Set when the local time happens twice (the hour the clocks go back): which one was taken. */
  readonly ambiguity: string | null;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * The instant of an appointment as a caseworker gives it (ISO 8601). With an offset (`Z`,
 * `+01:00`) it is that instant; without one it is the office's local time, as a caseworker means
 * it. A local time the clocks skip (the hour they go forward) is refused; one that happens twice
 * (the hour they go back) is taken the first time, and the answer says so.
 */
export function appointmentInstant(input: string, timeZone: string = OFFICE_TIME_ZONE): AppointmentInstant {
  const match = DATE_TIME.exec(input.trim());
  if (match === null) {
    throw new InvalidAppointmentError(
      `"${input}" is not a date and time (ISO 8601, e.g. 2027-04-15T10:00 in the office's time ${timeZone})`,
    );
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute
  ) {
    throw new InvalidAppointmentError(`"${input}" is not a date and time of the calendar`);
  }
  if (match[7] !== undefined) return { at: new Date(input.trim()), ambiguity: null };
  // A zone changes its offset at most once a day: the offsets a day before and after are the
  // only candidates; each is right if the zone has that offset at the instant it gives.
  const candidates = [
    ...new Set([offsetAt(wall - 86_400_000, timeZone), offsetAt(wall + 86_400_000, timeZone)]),
  ]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const local = `${input.trim().slice(0, 16).replace('T', ' ')}`;
  if (candidates.length === 0) {
    throw new InvalidAppointmentError(
      `${local} does not exist in ${timeZone}: the clocks go forward then; give a time outside the skipped hour`,
    );
  }
  const at = new Date(candidates[0]!);
  if (candidates.length === 1) return { at, ambiguity: null };
  return {
    at,
    ambiguity: `${local} happens twice in ${timeZone} (the clocks go back); taken the first time, ${formatOffsetTime(at, timeZone)}. Give the time with an offset (e.g. ${input.trim().slice(0, 16)}+01:00) for the second.`,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return local - (instant - (((instant % 1000) + 1000) % 1000));
}

/** An instant as ISO 8601 with the zone's offset, e.g. "2027-10-31T02:30+02:00". */
function formatOffsetTime(at: Date, timeZone: string): string {
  const offset = offsetAt(at.getTime(), timeZone) / 60_000;
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 16);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * An appointment as the caseworker confirms it and the German text gives it,
 * e.g. "Do., 15.04.2027, 10:00 Uhr".
 */
export function formatAppointmentShort(at: Date, timeZone: string = OFFICE_TIME_ZONE): string {
  const text = new Intl.DateTimeFormat('de-DE', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return `${text} Uhr`;
}

/** The local calendar date of an instant in a time zone, as days since 1970-01-01. */
function localDay(at: Date, timeZone: string): number {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .split('-')
    .map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * Calendar days from `now` to an appointment in the office's time zone: 0 is today, 1 tomorrow
 * (whatever the hours between, and across a DST change).
 */
export function calendarDaysUntil(at: Date, now: Date, timeZone: string = OFFICE_TIME_ZONE): number {
  return localDay(at, timeZone) - localDay(now, timeZone);
}

/** How long before the appointment its reminder goes out. */
export const INVITATION_REMINDER_BEFORE_MS = 24 * 3600 * 1000;

/**
 * When an invitation's reminder goes out: a day before the appointment. None when that moment has
 * passed already: an invitation less than a day ahead is itself the reminder, and a second email
 * a second later would only confuse.
 */
export function invitationReminderAt(at: Date, now: Date): Date | null {
  const reminderAt = new Date(at.getTime() - INVITATION_REMINDER_BEFORE_MS);
  return reminderAt.getTime() > now.getTime() ? reminderAt : null;
}

/**
 * The appointment's day as the reminder names it, from the real date when it goes out: today,
 * tomorrow, or later (then the message gives the date), so a reminder sent late or early never
 * says "morgen" wrongly. Each language words it in its own messages (`{day, select, …}`).
 */
export function appointmentDay(
  at: Date,
  now: Date,
  timeZone: string = OFFICE_TIME_ZONE,
): 'today' | 'tomorrow' | 'later' {
  const days = calendarDaysUntil(at, now, timeZone);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return 'later';
}

/** The fee of a request type; the stage config names one for every type (validated at synth). */
export function feeFor(fees: Readonly<Record<string, string>>, requestType: string): string {
  const fee = fees[requestType];
  if (fee === undefined) throw new Error(`No fee configured for request type ${requestType} (PERMIT_FEES)`);
  return fee;
}
