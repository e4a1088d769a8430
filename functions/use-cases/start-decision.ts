import { createHash } from 'node:crypto';
import type { CaseRepository } from '../domain/case-repository.ts';
import {
  appointmentInstant,
  formatAppointmentShort,
  InvalidAppointmentError,
  isPendingAppointment,
  MAX_QUERY_TEXT_CHARS,
  OFFICE_TIME_ZONE,
  type AppointmentInstant,
  type Decision,
  type DecisionRequest,
} from '../domain/decision.ts';
import type { DecisionStarter } from '../domain/decision-starter.ts';

/** A decision that cannot be carried out as given; says why. */
export class InvalidDecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDecisionError';
  }
}

export interface StartDecisionResult {
  readonly decisionId: string;
  readonly outcome: 'started' | 'already-started';
  /**
   * Invitation (or cancellation: the one cancelled): the appointment as the applicant will read
   * it, e.g. "Do., 15.04.2027, 10:00 Uhr".
   */
  readonly appointment?: string;
  /** Invitation: the instant it was read as (UTC). */
  readonly appointmentAt?: string;
  /** Invitation: what the caseworker should know about how the time was read, or null. */
  readonly note?: string | null;
}

/**
 * Validates a caseworker's decision and starts its workflow. The decision id is derived from its
 * content, so giving the same decision twice (a double click, a retried command) sends once.
 */
export class StartDecision {
  readonly #cases: CaseRepository;
  readonly #starter: DecisionStarter;
  readonly #now: () => Date;
  readonly #timeZone: string;

  constructor(deps: {
    cases: CaseRepository;
    starter: DecisionStarter;
    now?: () => Date;
    /** The office's time zone: an appointment given without offset is local time there. */
    timeZone?: string;
  }) {
    this.#cases = deps.cases;
    this.#starter = deps.starter;
    this.#now = deps.now ?? (() => new Date());
    this.#timeZone = deps.timeZone ?? OFFICE_TIME_ZONE;
  }

  async run(decision: Decision): Promise<StartDecisionResult> {
    const caseFile = await this.#cases.get(decision.caseReference);
    if (caseFile === null) throw new InvalidDecisionError(`No case ${decision.caseReference}`);
    if (caseFile.status === 'closed')
      throw new InvalidDecisionError(`Case ${decision.caseReference} is closed`);
    const now = this.#now();
    // The appointment the applicant holds now: a new invitation replaces it, a cancellation ends
    // it. It is part of the decision id, so inviting to a time again after a change sends again.
    const held = await this.#cases.appointment(decision.caseReference);
    const pending = isPendingAppointment(held, now) ? held : null;
    let content: string;
    let appointment: AppointmentInstant | null = null;
    if (decision.kind === 'cancellation') {
      if (pending === null)
        throw new InvalidDecisionError(`Case ${decision.caseReference} has no appointment to cancel`);
      appointment = { at: new Date(pending.appointmentAt), ambiguity: null };
      content = pending.decisionId;
    } else if (decision.kind === 'query') {
      const text = decision.text.trim();
      if (text === '') throw new InvalidDecisionError('A query needs the text to send');
      if (text.length > MAX_QUERY_TEXT_CHARS)
        throw new InvalidDecisionError(`A query text is at most ${MAX_QUERY_TEXT_CHARS} characters`);
      content = text;
    } else {
      appointment = this.#appointment(decision.appointmentAt);
      const { at } = appointment;
      if (at.getTime() <= now.getTime())
        throw new InvalidDecisionError('The appointment must be in the future');
      content = `${at.toISOString()}\n${pending?.decisionId ?? ''}`;
    }
    const digest = createHash('sha256').update(`${decision.kind}\n${content}`).digest('hex').slice(0, 12);
    // Inviting again to the time the applicant already holds is the same decision, sent once.
    const decisionId =
      decision.kind === 'invitation' && pending?.appointmentAt === appointment?.at.toISOString()
        ? pending!.decisionId
        : `${decision.caseReference}-${decision.kind}-${digest}`;
    const decidedAt = now.toISOString();
    const request: DecisionRequest =
      decision.kind === 'query'
        ? { ...decision, text: content, decisionId, decidedAt }
        : decision.kind === 'cancellation'
          ? { ...decision, decisionId, decidedAt }
          : { ...decision, appointmentAt: appointment!.at.toISOString(), decisionId, decidedAt };
    const outcome = await this.#starter.start(request);
    if (appointment === null) return { decisionId, outcome };
    return {
      decisionId,
      outcome,
      appointment: formatAppointmentShort(appointment.at, this.#timeZone),
      appointmentAt: appointment.at.toISOString(),
      note: appointment.ambiguity,
    };
  }

  #appointment(given: string): AppointmentInstant {
    try {
      return appointmentInstant(given, this.#timeZone);
    } catch (error) {
      if (error instanceof InvalidAppointmentError) throw new InvalidDecisionError(error.message);
      throw error;
    }
  }
}
