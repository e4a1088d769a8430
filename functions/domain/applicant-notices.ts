/**
 * Tells the applicant what a caseworker's action means for them, by email, without the caller
 * sending mail itself (the CLI and the API have no SES rights): the checklist when a case is
 * opened, the acknowledgement of an email once a caseworker assigned it from triage. Starting one
 * twice for the same case (or email) sends once.
 */
export interface ApplicantNotices {
  caseOpened(reference: string): Promise<void>;
  submissionAssigned(reference: string, messageId: string): Promise<void>;
}

/**
 * The DecisionWorkflow execution name of a notice: derived from what it is about, so a retried
 * command starts nothing new. Step Functions allows 80 characters of [A-Za-z0-9_-].
 */
export function noticeId(kind: 'welcome' | 'acknowledgement', reference: string, messageId = ''): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${safe(reference)}-${kind}${messageId === '' ? '' : `-${safe(messageId)}`}`.slice(0, 80);
}
