import type { SFNClient } from '@aws-sdk/client-sfn';
import type { IntakeRequest } from '../domain/intake-request.ts';
import type { WorkflowStarter } from '../domain/ports.ts';
import { startExecutionOnce } from './step-functions-execution.ts';

/** Starts the IntakeWorkflow with the SES message id as execution name: once per message. */
export class StepFunctionsWorkflowStarter implements WorkflowStarter {
  readonly #client: SFNClient;
  readonly #stateMachineArn: string;

  constructor(client: SFNClient, stateMachineArn: string) {
    this.#client = client;
    this.#stateMachineArn = stateMachineArn;
  }

  startIntake(request: IntakeRequest): Promise<'started' | 'already-started'> {
    return startExecutionOnce(this.#client, this.#stateMachineArn, request.messageId, request);
  }
}
