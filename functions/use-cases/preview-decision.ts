import { missingItems } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import {
  appointmentInstant,
  feeFor,
  formatAppointmentShort,
  InvalidAppointmentError,
  isPendingAppointment,
} from '../domain/decision.ts';
import { renderMessage, type RenderedMessage } from '../domain/message-rendering.ts';
import { InvalidDecisionError } from './start-decision.ts';

/** What the invitation says besides the time (the stage config's office settings). */
export interface PreviewSettings {
  readonly officeName: string;
  readonly servicePointAddress: string;
  /** The fee per request type (stage config `permitFees`). */
  readonly fees: Readonly<Record<string, string>>;
  readonly payment: string;
  readonly appointmentMinutes: number;
  readonly timeZone: string;
}

export interface DecisionPreview {
  readonly message: RenderedMessage;
  /** Invitation: the time as the applicant will read it, and the instant it was read as. */
  readonly appointment: string | null;
  readonly appointmentAt: string | null;
  readonly note: string | null;
  /** The appointment this one replaces, as the applicant reads it; null when none is pending. */
  readonly replaces: string | null;
}

/**
 * Shows a caseworker the email a decision will send, before it goes: rendered from the same
 * templates and values as the DecisionWorkflow's SendDecision step. Sends nothing.
 */
export class PreviewDecision {
  readonly #cases: CaseRepository;
  readonly #settings: PreviewSettings;
  readonly #now: () => Date;

  constructor(deps: { cases: CaseRepository; settings: PreviewSettings; now?: () => Date }) {
    this.#cases = deps.cases;
    this.#settings = deps.settings;
    this.#now = deps.now ?? (() => new Date());
  }

  async invitation(reference: string, appointmentAt: string): Promise<DecisionPreview> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new InvalidDecisionError(`Kein Vorgang ${reference}`);
    let instant;
    try {
      instant = appointmentInstant(appointmentAt, this.#settings.timeZone);
    } catch (error) {
      if (error instanceof InvalidAppointmentError) throw new InvalidDecisionError(error.message);
      throw error;
    }
    if (instant.at.getTime() <= this.#now().getTime())
      throw new InvalidDecisionError('Der Termin muss in der Zukunft liegen.');
    const held = await this.#cases.appointment(reference);
    const pending = isPendingAppointment(held, this.#now()) ? held : null;
    const replaces = pending === null ? null : new Date(pending.appointmentAt);
    const settings = this.#settings;
    const message = renderMessage(
      'invitation',
      caseFile.language,
      (language) => ({
        caseReference: caseFile.reference,
        applicantName: caseFile.applicantName,
        officeName: settings.officeName,
        requestTypeLabel: caseFile.checklist.label[language],
        appointment: instant.at,
        replaces,
        address: settings.servicePointAddress,
        fee: feeFor(settings.fees, caseFile.requestType),
        payment: settings.payment,
        durationMinutes: settings.appointmentMinutes,
      }),
      { timeZone: settings.timeZone },
    );
    return {
      message,
      appointment: formatAppointmentShort(instant.at, settings.timeZone),
      appointmentAt: instant.at.toISOString(),
      note: instant.ambiguity,
      replaces: replaces === null ? null : formatAppointmentShort(replaces, settings.timeZone),
    };
  }

  async query(reference: string, text: string): Promise<DecisionPreview> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new InvalidDecisionError(`Kein Vorgang ${reference}`);
    const missing = missingItems(caseFile, await this.#cases.documents(reference));
    const message = renderMessage('query', caseFile.language, (language) => ({
      caseReference: caseFile.reference,
      applicantName: caseFile.applicantName,
      officeName: this.#settings.officeName,
      requestTypeLabel: caseFile.checklist.label[language],
      missing: missing.map((item) => ({ label: item.label[language] })),
      caseworkerText: text.trim(),
    }));
    return { message, appointment: null, appointmentAt: null, note: null, replaces: null };
  }
}
