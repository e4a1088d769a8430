import type { CaseRepository } from '../domain/case-repository.ts';
import type { RateLimiter } from '../domain/outbound-message.ts';
import { composeAcknowledgement, type SubmittedFile } from '../domain/submission-acknowledgement.ts';
import type { CaseMailer, SendOutcome } from './case-mailer.ts';
import { CaseNotFoundError } from './record-documents.ts';
import { sendWithinRateLimit } from './rate-limited-send.ts';

export type AcknowledgementOutcome = SendOutcome & {
  readonly kind?: 'submission-received' | 'file-complete';
  readonly missing?: readonly string[];
};

/**
 * Acknowledges one submission to the case's registered contacts: what arrived and which checklist
 * item each file covers, which files could not be accepted and why (in plain words), and what is
 * still missing. One email: when items are missing the acknowledgement *is* the query
 * (Rückfrage), and it keeps the query's limit of one per case and period (`query#<case>`), so five
 * emails in a row do not bring five answers. The email that completes the checklist is told so
 * and what happens next, whatever the limit (it happens once per case). A submission that brought
 * nothing new (only files the case already has) gets no answer.
 *
 * Used by the IntakeWorkflow's SendQuery step and, for a triaged email a caseworker assigned, by
 * the DecisionWorkflow's SendDecision step: the applicant hears the same either way.
 */
export class AcknowledgeSubmission {
  readonly #cases: CaseRepository;
  readonly #mailer: CaseMailer;
  readonly #rateLimiter: RateLimiter;
  readonly #periodSeconds: number;

  constructor(deps: {
    cases: CaseRepository;
    mailer: CaseMailer;
    rateLimiter: RateLimiter;
    periodSeconds: number;
  }) {
    this.#cases = deps.cases;
    this.#mailer = deps.mailer;
    this.#rateLimiter = deps.rateLimiter;
    this.#periodSeconds = deps.periodSeconds;
  }

  /** @param submission the SES message id of the email (also the idempotency key) and its files. */
  async run(
    reference: string,
    submission: { readonly messageId: string; readonly files: readonly SubmittedFile[] },
    now: Date,
  ): Promise<AcknowledgementOutcome> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    const acknowledgement = composeAcknowledgement(
      caseFile,
      await this.#cases.documents(reference),
      submission,
    );
    if (acknowledgement === null) return { sent: false, reason: 'not-allowed' };
    const { kind, missing, view } = acknowledgement;
    const send = (): Promise<SendOutcome> =>
      this.#mailer.toApplicant(caseFile, kind, view, { idempotencyKey: `ack#${submission.messageId}` });
    const outcome =
      kind === 'file-complete'
        ? await send()
        : await sendWithinRateLimit(
            this.#rateLimiter,
            { key: `query#${reference}`, holder: submission.messageId, periodSeconds: this.#periodSeconds },
            now,
            send,
          );
    if (!outcome.sent) return outcome;
    return { ...outcome, kind, missing };
  }
}
