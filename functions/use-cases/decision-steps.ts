import { missingItems, type CaseFile } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import {
  appointmentDay,
  feeFor,
  invitationReminderAt,
  isPendingAppointment,
  type DecisionRequest,
  type ScheduledAppointment,
} from '../domain/decision.ts';
import { cancellationEvent, invitationEvent, type Invitation } from '../domain/icalendar.ts';
import type { CaseMailer, SendOutcome } from './case-mailer.ts';
import { CaseNotFoundError } from './record-documents.ts';
import { CheckAnswer } from './check-answer.ts';
import type { AcknowledgeSubmission } from './acknowledge-submission.ts';

export interface InvitationSettings {
  readonly servicePointAddress: string;
  /** The fee per request type (stage config `permitFees`). */
  readonly fees: Readonly<Record<string, string>>;
  readonly payment: string;
  readonly appointmentMinutes: number;
  readonly fromAddress: string;
  /** The office's IANA time zone: dates and times in the emails are local time there. */
  readonly timeZone: string;
}

export interface DecisionSent {
  readonly outcome: SendOutcome;
  readonly sentAt: string;
  /** Query: how long to wait for an answer before the reminder (and again before telling the caseworker). */
  readonly reminderAfterSeconds: number;
  /** Invitation: when to send the reminder (a day before the appointment). */
  readonly reminderAt: string;
  /** Invitation: whether to send a reminder at all (none when the appointment is less than a day ahead). */
  readonly invitationReminder: boolean;
}

/** The steps of the DecisionWorkflow, each one Task state. */
export class DecisionSteps {
  readonly #cases: CaseRepository;
  readonly #mailer: CaseMailer;
  readonly #invitation: InvitationSettings;
  readonly #reminderAfterSeconds: number;
  readonly #acknowledge: AcknowledgeSubmission | null;
  readonly #intakeAddress: string;

  constructor(deps: {
    cases: CaseRepository;
    mailer: CaseMailer;
    invitation: InvitationSettings;
    reminderAfterSeconds: number;
    /** Acknowledges a triaged email once assigned (as if it had matched). */
    acknowledge?: AcknowledgeSubmission;
    /** Where applicants send their documents (told when a case is opened). */
    intakeAddress?: string;
  }) {
    this.#cases = deps.cases;
    this.#mailer = deps.mailer;
    this.#invitation = deps.invitation;
    this.#reminderAfterSeconds = deps.reminderAfterSeconds;
    this.#acknowledge = deps.acknowledge ?? null;
    this.#intakeAddress = deps.intakeAddress ?? deps.invitation.fromAddress;
  }

  async #case(reference: string): Promise<CaseFile> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    return caseFile;
  }

  /** SendDecision: the query with the caseworker's text, or the invitation with its calendar file. */
  async send(request: DecisionRequest, now: Date): Promise<DecisionSent> {
    const caseFile = await this.#case(request.caseReference);
    const key = `decision#${request.decisionId}`;
    if (request.kind === 'query') {
      const missing = missingItems(caseFile, await this.#cases.documents(caseFile.reference));
      const outcome = await this.#mailer.toApplicant(
        caseFile,
        'query',
        (language) => ({
          missing: missing.map((item) => item.label[language]),
          caseworkerText: request.text,
        }),
        { idempotencyKey: key },
      );
      return this.#sent(outcome, now, null);
    }
    if (request.kind === 'cancellation') return this.#cancel(caseFile, request, now);
    if (request.kind === 'welcome' || request.kind === 'acknowledgement') {
      const outcome =
        request.kind === 'welcome'
          ? await this.#welcome(caseFile, key)
          : await this.#acknowledgeAssigned(caseFile, request.messageId, now);
      return this.#sent(outcome, now, null);
    }
    const at = new Date(request.appointmentAt);
    const settings = this.#invitation;
    const appointment = await this.#schedule(caseFile.reference, request.decisionId, (held) =>
      isPendingAppointment(held, now)
        ? {
            uid: held!.uid,
            sequence: held!.sequence + 1,
            appointmentAt: request.appointmentAt,
            decisionId: request.decisionId,
            status: 'invited',
            replaces: held!.appointmentAt,
          }
        : {
            uid: `${request.decisionId}@${settings.fromAddress.split('@')[1] ?? 'intake'}`,
            sequence: 0,
            appointmentAt: request.appointmentAt,
            decisionId: request.decisionId,
            status: 'invited',
          },
    );
    const replaces = appointment.replaces === undefined ? null : new Date(appointment.replaces);
    const outcome = await this.#mailer.toApplicant(
      caseFile,
      'invitation',
      {
        appointment: at,
        replaces,
        address: settings.servicePointAddress,
        fee: feeFor(settings.fees, caseFile.requestType),
        payment: settings.payment,
        durationMinutes: settings.appointmentMinutes,
      },
      {
        idempotencyKey: key,
        attachments: [
          {
            filename: 'Termin.ics',
            contentType: 'text/calendar; method=REQUEST; charset=utf-8',
            content: invitationEvent(this.#calendarEvent(caseFile, appointment, now)),
          },
        ],
      },
    );
    await this.#cases.setStatus(caseFile.reference, ['open', 'ready-for-review'], 'decided');
    return this.#sent(outcome, now, invitationReminderAt(at, now));
  }

  /** A case opened: the checklist of its request type and where to send the documents. */
  async #welcome(caseFile: CaseFile, key: string): Promise<SendOutcome> {
    return this.#mailer.toApplicant(
      caseFile,
      'case-opened',
      (language) => ({
        items: caseFile.checklist.items.map((item) => ({
          label: `${item.label[language]}${item.required ? '' : language === 'de' ? ' (falls vorhanden)' : ' (if you have it)'}`,
        })),
        intakeAddress: this.#intakeAddress,
      }),
      { idempotencyKey: key },
    );
  }

  /**
   * A triaged email a caseworker assigned: the acknowledgement it would have had, had it matched,
   * from what the case's log says it brought (its documents and the files held).
   */
  async #acknowledgeAssigned(caseFile: CaseFile, messageId: string, now: Date): Promise<SendOutcome> {
    if (this.#acknowledge === null) throw new Error('No acknowledgement use case wired');
    const entry = (await this.#cases.log(caseFile.reference)).find(
      (e) => e.direction === 'in' && e.messageId === messageId,
    );
    if (entry === undefined) return { sent: false, reason: 'not-allowed' };
    const outcome = await this.#acknowledge.run(
      caseFile.reference,
      {
        messageId,
        files: [
          ...entry.documents.map((sha256) => ({ sha256, filename: null, accepted: true, reason: null })),
          ...entry.held.map((h) => ({ sha256: '', filename: h.filename, accepted: false, reason: h.reason })),
        ],
      },
      now,
    );
    return outcome.sent
      ? {
          sent: true,
          sesMessageId: outcome.sesMessageId,
          ownMessageId: outcome.ownMessageId,
          recipients: outcome.recipients,
        }
      : outcome;
  }

  /** What SendDecision answers: sent now; the invitation's own reminder when it has one. */
  #sent(outcome: SendOutcome, now: Date, invitationReminder: Date | null): DecisionSent {
    return {
      outcome,
      sentAt: now.toISOString(),
      reminderAfterSeconds: this.#reminderAfterSeconds,
      reminderAt: (invitationReminder ?? now).toISOString(),
      invitationReminder: invitationReminder !== null,
    };
  }

  /** The calendar event of an appointment (for the invitation and its cancellation). */
  #calendarEvent(caseFile: CaseFile, appointment: ScheduledAppointment, now: Date): Invitation {
    const settings = this.#invitation;
    return {
      uid: appointment.uid,
      sequence: appointment.sequence,
      start: new Date(appointment.appointmentAt),
      durationMinutes: settings.appointmentMinutes,
      summary: `Termin Ausländerbehörde (${caseFile.reference})`,
      description: `Bitte mitbringen: Reisepass, bisheriger Aufenthaltstitel, Gebühr ${feeFor(settings.fees, caseFile.requestType)}. Aktenzeichen ${caseFile.reference}.`,
      location: settings.servicePointAddress,
      organizerEmail: settings.fromAddress,
      attendeeEmail: caseFile.contacts[0] ?? settings.fromAddress,
      now,
    };
  }

  /**
   * Records the case's appointment as this decision makes it (`next`, from the one held now),
   * once: a retried step finds its own record and sends the same calendar event again. Two
   * decisions at once: the later one builds on the earlier one's record.
   */
  async #schedule(
    reference: string,
    decisionId: string,
    next: (held: ScheduledAppointment | null) => ScheduledAppointment,
  ): Promise<ScheduledAppointment> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const held = await this.#cases.appointment(reference);
      if (held?.decisionId === decisionId) return held;
      const appointment = next(held);
      if (await this.#cases.saveAppointment(reference, appointment, held?.decisionId ?? null))
        return appointment;
    }
    throw new Error(`The appointment of case ${reference} kept changing while it was being sent`);
  }

  /**
   * SendDecision for a cancellation: METHOD:CANCEL for the appointment the applicant holds (same
   * UID, next SEQUENCE), recorded as cancelled first so its reminder is not sent.
   */
  async #cancel(caseFile: CaseFile, request: DecisionRequest, now: Date): Promise<DecisionSent> {
    const held = await this.#cases.appointment(caseFile.reference);
    if (held === null) throw new Error(`Case ${caseFile.reference} has no appointment to cancel`);
    const appointment = await this.#schedule(caseFile.reference, request.decisionId, (current) => ({
      ...current!,
      sequence: current!.sequence + 1,
      decisionId: request.decisionId,
      status: 'cancelled',
    }));
    const at = new Date(appointment.appointmentAt);
    const outcome = await this.#mailer.toApplicant(
      caseFile,
      'invitation-cancelled',
      { appointment: at },
      {
        idempotencyKey: `decision#${request.decisionId}`,
        attachments: [
          {
            filename: 'Termin-Absage.ics',
            contentType: 'text/calendar; method=CANCEL; charset=utf-8',
            content: cancellationEvent(this.#calendarEvent(caseFile, appointment, now)),
          },
        ],
      },
    );
    return this.#sent(outcome, now, null);
  }

  /** CheckAnswer: has the applicant written since the query was sent? */
  async answeredSince(reference: string, sentAt: string): Promise<{ answered: boolean }> {
    return new CheckAnswer(this.#cases).answeredSince(reference, sentAt);
  }

  /** SendQueryReminder: once, to the applicant, with what is still missing. */
  async remindQuery(request: DecisionRequest, sentAt: string): Promise<SendOutcome> {
    const caseFile = await this.#case(request.caseReference);
    const missing = missingItems(caseFile, await this.#cases.documents(caseFile.reference));
    return this.#mailer.toApplicant(
      caseFile,
      'query-reminder',
      (language) => ({
        missing: missing.map((item) => item.label[language]),
        queriedOn: new Date(sentAt),
      }),
      { idempotencyKey: `reminder#${request.decisionId}` },
    );
  }

  /** TellCaseworker: the query stayed unanswered after the reminder. */
  async tellCaseworkerUnanswered(request: DecisionRequest, sentAt: string): Promise<SendOutcome> {
    const caseFile = await this.#case(request.caseReference);
    const missing = missingItems(caseFile, await this.#cases.documents(caseFile.reference));
    return this.#mailer.toCaseworker(
      caseFile,
      'caseworker-query-unanswered',
      {
        missing: missing.map((item) => item.label.de),
        queriedOn: new Date(sentAt),
      },
      `unanswered#${request.decisionId}`,
    );
  }

  /** SendInvitationReminder: the day before the appointment. */
  async remindInvitation(request: DecisionRequest, now: Date): Promise<SendOutcome> {
    if (request.kind !== 'invitation') throw new Error('Only invitations have appointment reminders');
    const caseFile = await this.#case(request.caseReference);
    // Replaced by a later invitation or cancelled since: the applicant no longer holds this one.
    const held = await this.#cases.appointment(caseFile.reference);
    if (held?.decisionId !== request.decisionId || held.status !== 'invited') {
      return { sent: false, reason: 'superseded' };
    }
    const at = new Date(request.appointmentAt);
    return this.#mailer.toApplicant(
      caseFile,
      'invitation-reminder',
      {
        day: appointmentDay(at, now, this.#invitation.timeZone),
        appointment: at,
        address: this.#invitation.servicePointAddress,
        fee: feeFor(this.#invitation.fees, caseFile.requestType),
      },
      { idempotencyKey: `invitation-reminder#${request.decisionId}` },
    );
  }
}
