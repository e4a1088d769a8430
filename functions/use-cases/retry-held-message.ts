import type { WorkflowStarter } from '../domain/ports.ts';
import type { TriageRepository } from '../domain/triage.ts';

/** Why a message cannot be retried: not in triage, not held, or held without its input kept. */
export class RetryRefusedError extends Error {
  readonly problem: 'not-found' | 'not-held' | 'no-input';
  constructor(problem: RetryRefusedError['problem'], message: string) {
    super(message);
    this.name = 'RetryRefusedError';
    this.problem = problem;
  }
}

export interface RetryResult {
  readonly messageId: string;
  /** The retry's number: the first retry of a message is 1. */
  readonly attempt: number;
  /** `already-started`: this retry was asked for before; it was not started again. */
  readonly outcome: 'started' | 'already-started';
}

/**
 * `intake triage retry MESSAGE_ID`: runs the IntakeWorkflow again for a message held after a
 * failed step (triage reason `processing-error`), on the same input as the run that failed.
 *
 * Primary course: the entry is held → retry number `attempts` starts under its own execution
 * name → that run takes the message off hold, and either finishes (the entry stays gone), ends
 * in triage for another reason, or is held again with the attempt counted. Nothing is done twice:
 * the steps are idempotent by the message id (conditional writes, content hashes, idempotent
 * sends), and the same retry asked for twice starts once.
 */
export class RetryHeldMessage {
  readonly #triage: TriageRepository;
  readonly #starter: WorkflowStarter;

  constructor(deps: { triage: TriageRepository; starter: WorkflowStarter }) {
    this.#triage = deps.triage;
    this.#starter = deps.starter;
  }

  async run(messageId: string): Promise<RetryResult> {
    const entry = await this.#triage.get(messageId);
    if (entry === null) throw new RetryRefusedError('not-found', `No message ${messageId} waits in triage`);
    if (entry.reason !== 'processing-error') {
      throw new RetryRefusedError(
        'not-held',
        `Message ${messageId} is in triage as ${entry.reason}, not held after a failed step: a retry would end the same way; assign it to a case instead`,
      );
    }
    if (entry.request === undefined) {
      throw new RetryRefusedError(
        'no-input',
        `Message ${messageId} was held before retries were possible: the input of its run was not kept, so it cannot be run again as it was`,
      );
    }
    const attempt = entry.attempts ?? 1;
    const outcome = await this.#starter.retryIntake(entry.request, attempt);
    return { messageId, attempt, outcome };
  }
}
