import { createHash } from 'node:crypto';
import type { CaseRepository } from '../domain/case-repository.ts';
import { MAX_QUERY_TEXT_CHARS, type Decision, type DecisionRequest } from '../domain/decision.ts';
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
}

/**
 * Validates a caseworker's decision and starts its workflow. The decision id is derived from its
 * content, so giving the same decision twice (a double click, a retried command) sends once.
 */
export class StartDecision {
  readonly #cases: CaseRepository;
  readonly #starter: DecisionStarter;
  readonly #now: () => Date;

  constructor(deps: { cases: CaseRepository; starter: DecisionStarter; now?: () => Date }) {
    this.#cases = deps.cases;
    this.#starter = deps.starter;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(decision: Decision): Promise<StartDecisionResult> {
    const caseFile = await this.#cases.get(decision.caseReference);
    if (caseFile === null) throw new InvalidDecisionError(`No case ${decision.caseReference}`);
    if (caseFile.status === 'closed')
      throw new InvalidDecisionError(`Case ${decision.caseReference} is closed`);
    let content: string;
    if (decision.kind === 'query') {
      const text = decision.text.trim();
      if (text === '') throw new InvalidDecisionError('A query needs the text to send');
      if (text.length > MAX_QUERY_TEXT_CHARS)
        throw new InvalidDecisionError(`A query text is at most ${MAX_QUERY_TEXT_CHARS} characters`);
      content = text;
    } else {
      const at = new Date(decision.appointmentAt);
      if (Number.isNaN(at.getTime()))
        throw new InvalidDecisionError(`"${decision.appointmentAt}" is not a date and time (ISO 8601)`);
      if (at.getTime() <= this.#now().getTime())
        throw new InvalidDecisionError('The appointment must be in the future');
      content = at.toISOString();
    }
    const digest = createHash('sha256').update(`${decision.kind}\n${content}`).digest('hex').slice(0, 12);
    const decisionId = `${decision.caseReference}-${decision.kind}-${digest}`;
    const request: DecisionRequest =
      decision.kind === 'query'
        ? { ...decision, text: content, decisionId, decidedAt: this.#now().toISOString() }
        : { ...decision, appointmentAt: content, decisionId, decidedAt: this.#now().toISOString() };
    return { decisionId, outcome: await this.#starter.start(request) };
  }
}
