import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DecisionRequest } from '../domain/decision.ts';
import type { DecisionStarter } from '../domain/decision-starter.ts';
import { startExecutionOnce } from './step-functions-execution.ts';

/** Starts the DecisionWorkflow, named after the decision id: the same decision runs once. */
export class StepFunctionsDecisionStarter implements DecisionStarter {
  readonly #client: SFNClient;
  readonly #stateMachineArn: string;

  constructor(client: SFNClient, stateMachineArn: string) {
    this.#client = client;
    this.#stateMachineArn = stateMachineArn;
  }

  start(request: DecisionRequest): Promise<'started' | 'already-started'> {
    return startExecutionOnce(this.#client, this.#stateMachineArn, request.decisionId, request);
  }
}
