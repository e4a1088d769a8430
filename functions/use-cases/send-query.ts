import type { CaseRepository } from '../domain/case-repository.ts';
import { awaitsConfirmation, itemsPossiblyCovered, missingItems } from '../domain/case-file.ts';
import type { RateLimiter } from '../domain/outbound-message.ts';
import type { CaseMailer, SendOutcome } from './case-mailer.ts';
import { CaseNotFoundError } from './record-documents.ts';
import { sendWithinRateLimit } from './rate-limited-send.ts';

/**
 * The automatic query (Rückfrage) after a submission that left required items missing: lists
 * exactly those, to the registered contacts only. At most one per case per period, so five emails
 * in a row do not produce five queries.
 *
 * Items the case's files may already cover are not asked for while those files wait: not read yet,
 * not legible, or recognised too unsurely and not yet confirmed by a caseworker. The query lists
 * such files instead ("wird noch geprüft"); when they may be anything, no query is sent.
 */
export class SendMissingDocumentsQuery {
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

  /** @param trigger the SES message id of the email that led to it (the idempotency key). */
  async run(
    reference: string,
    trigger: string,
    now: Date,
  ): Promise<SendOutcome & { missing?: readonly string[] }> {
    const caseFile = await this.#cases.get(reference);
    if (caseFile === null) throw new CaseNotFoundError(reference);
    const documents = await this.#cases.documents(reference);
    const covered = itemsPossiblyCovered(caseFile, documents);
    const missing = missingItems(caseFile, documents).filter((item) => !covered.has(item.id));
    if (missing.length === 0) return { sent: false, reason: 'not-allowed' };
    const waiting = documents
      .filter(
        (d) =>
          awaitsConfirmation(d) ||
          (d.checklistItem === null &&
            d.assignedBy !== 'caseworker' &&
            d.confirmedBy === undefined &&
            d.recognition !== undefined),
      )
      // Names as the sender gave them; the renderer shows them safely.
      .map((d) => d.filename ?? '—');
    const slot = { key: `query#${reference}`, holder: trigger, periodSeconds: this.#periodSeconds };
    const outcome = await sendWithinRateLimit(this.#rateLimiter, slot, now, () =>
      this.#mailer.toApplicant(
        caseFile,
        'query',
        (language) => ({
          missing: missing.map((item) => item.label[language]),
          waiting,
          caseworkerText: null,
        }),
        { idempotencyKey: `query#${trigger}` },
      ),
    );
    if (!outcome.sent) return outcome;
    return { ...outcome, missing: missing.map((m) => m.id) };
  }
}
