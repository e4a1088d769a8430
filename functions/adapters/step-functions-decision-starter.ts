import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { DecisionRequest } from '../domain/decision.ts';
import type { DecisionStarter } from '../domain/decision-starter.ts';
import { executionName } from './step-functions-workflow-starter.ts';

/** Starts the DecisionWorkflow, named after the decision id: the same decision runs once. */
export class StepFunctionsDecisionStarter implements DecisionStarter {
  readonly #client: SFNClient;
  readonly #stateMachineArn: string;

  constructor(client: SFNClient, stateMachineArn: string) {
    this.#client = client;
    this.#stateMachineArn = stateMachineArn;
  }

  async start(request: DecisionRequest): Promise<'started' | 'already-started'> {
    try {
      await this.#client.send(
        new StartExecutionCommand({
          stateMachineArn: this.#stateMachineArn,
          name: executionName(request.decisionId),
          input: JSON.stringify(request),
        }),
      );
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'already-started';
      throw error;
    }
  }
}
