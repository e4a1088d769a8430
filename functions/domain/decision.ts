import type { CaseLanguage } from './case-file.ts';

/**
 * A caseworker's decision on a case, carried out by the DecisionWorkflow:
 * - `query` (Rückfrage): the caseworker's own text plus the missing checklist items; one reminder
 *   when no answer comes, then the caseworker is told;
 * - `invitation` (Einladung): an appointment at the Service Point, with a calendar file and a
 *   reminder the day before.
 */
export type Decision =
  | { readonly kind: 'query'; readonly caseReference: string; readonly text: string }
  | { readonly kind: 'invitation'; readonly caseReference: string; readonly appointmentAt: string };

/** The DecisionWorkflow's input: the decision and its id (also the execution name). */
export type DecisionRequest = Decision & { readonly decisionId: string; readonly decidedAt: string };

/** Longest free text of a caseworker's query (it goes into an email, not a letter). */
export const MAX_QUERY_TEXT_CHARS = 4000;

const LOCALES: Readonly<Record<CaseLanguage, string>> = { de: 'de-DE', en: 'en-GB' };

/** The office's time zone: appointments are written in local time, whatever the server's zone. */
export const OFFICE_TIME_ZONE = 'Europe/Berlin';

/** An appointment as applicants read it, e.g. "Montag, 7. Dezember 2026 um 09:30". */
export function formatAppointment(at: Date, language: CaseLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: OFFICE_TIME_ZONE,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
}

/** A date as applicants read it, e.g. "25.11.2026". */
export function formatDate(at: Date, language: CaseLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: OFFICE_TIME_ZONE,
    dateStyle: 'medium',
  }).format(at);
}
