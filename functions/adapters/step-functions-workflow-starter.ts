import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { IntakeRequest } from '../domain/intake-request.ts';
import type { WorkflowStarter } from '../domain/ports.ts';

/**
 * Starts the IntakeWorkflow with the SES message id as execution name: Step Functions refuses a
 * second execution of the same name, which makes a redelivered notification harmless.
 */
export class StepFunctionsWorkflowStarter implements WorkflowStarter {
  readonly #client: SFNClient;
  readonly #stateMachineArn: string;

  constructor(client: SFNClient, stateMachineArn: string) {
    this.#client = client;
    this.#stateMachineArn = stateMachineArn;
  }

  async startIntake(request: IntakeRequest): Promise<'started' | 'already-started'> {
    try {
      await this.#client.send(
        new StartExecutionCommand({
          stateMachineArn: this.#stateMachineArn,
          name: executionName(request.messageId),
          input: JSON.stringify(request),
        }),
      );
      return 'started';
    } catch (error) {
      // Same name with the same input is accepted by Step Functions (idempotent); the same name
      // with another input (e.g. a redelivery with a later timestamp) is refused: also a replay.
      if (error instanceof ExecutionAlreadyExists) return 'already-started';
      throw error;
    }
  }
}

/** Execution names allow 80 characters of [A-Za-z0-9-_]; SES message ids fit, this guards it. */
export function executionName(messageId: string): string {
  return messageId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
