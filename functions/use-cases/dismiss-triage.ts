import type { TriageDismissals, TriageRepository } from '../domain/triage.ts';

/** The message is not waiting (any more), or no reason was given. */
export class DismissalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DismissalError';
  }
}

/** Longest reason a caseworker may write for a dismissal. */
export const MAX_DISMISSAL_REASON_CHARS = 500;

/**
 * A caseworker decides a waiting email needs nothing done (advertising, a duplicate, answered by
 * phone). Primary course: the entry leaves the list, and the dismissal is kept with the
 * caseworker's reason, who and when. Nothing is sent and nothing is added to a case.
 */
export class DismissTriage {
  readonly #triage: TriageRepository;
  readonly #dismissals: TriageDismissals;
  readonly #now: () => Date;

  constructor(deps: { triage: TriageRepository; dismissals: TriageDismissals; now?: () => Date }) {
    this.#triage = deps.triage;
    this.#dismissals = deps.dismissals;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(messageId: string, reason: string, caseworker: string): Promise<void> {
    const why = reason.trim();
    if (why === '') throw new DismissalError('Bitte einen Grund angeben.');
    if (why.length > MAX_DISMISSAL_REASON_CHARS)
      throw new DismissalError(`Der Grund ist zu lang (höchstens ${MAX_DISMISSAL_REASON_CHARS} Zeichen).`);
    const entry = await this.#triage.get(messageId);
    if (entry === null) throw new DismissalError('Diese E-Mail wartet nicht (mehr) im Eingang.');
    const done = await this.#dismissals.dismiss({
      messageId,
      reason: why,
      caseworker,
      at: this.#now().toISOString(),
      triageReason: entry.reason,
    });
    if (!done) throw new DismissalError('Diese E-Mail wartet nicht (mehr) im Eingang.');
  }
}
