import type { SFNClient } from '@aws-sdk/client-sfn';
import type { IntakeRequest } from '../domain/intake-request.ts';
import type { WorkflowStarter } from '../domain/ports.ts';
import { retryExecutionName, startExecutionOnce } from './step-functions-execution.ts';

/**
 * Starts the IntakeWorkflow with the SES message id as execution name: once per message; a retry
 * of a held message is named `<messageId>-retry-<attempt>`: once per attempt.
 */
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

  /**
   * The same input as the first run, plus `retry.attempt`: the workflow then first takes the
   * message off hold (ReleaseFromHold), and HoldForPerson counts the attempt if it fails again.
   */
  retryIntake(request: IntakeRequest, attempt: number): Promise<'started' | 'already-started'> {
    return startExecutionOnce(
      this.#client,
      this.#stateMachineArn,
      request.messageId,
      { ...request, retry: { attempt } },
      retryExecutionName(request.messageId, attempt),
    );
  }
}
