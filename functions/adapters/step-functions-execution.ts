import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** Execution names allow 80 characters of [A-Za-z0-9-_]; the ids used here fit, this guards it. */
export function executionName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/**
 * Starts an execution named after what it is about. Step Functions refuses a second execution of
 * the same name (same input while running: accepted as the same call; otherwise
 * ExecutionAlreadyExists), which is what makes a redelivered event or a repeated command harmless.
 */
export async function startExecutionOnce(
  client: SFNClient,
  stateMachineArn: string,
  id: string,
  input: unknown,
): Promise<'started' | 'already-started'> {
  try {
    await client.send(
      new StartExecutionCommand({ stateMachineArn, name: executionName(id), input: JSON.stringify(input) }),
    );
    return 'started';
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return 'already-started';
    throw error;
  }
}
