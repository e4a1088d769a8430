import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** Execution names allow 80 characters of [A-Za-z0-9-_]; the ids used here fit, this guards it. */
export function executionName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/**
 * The name of retry number `attempt` of the execution named after `id`: `<id>-retry-<attempt>`.
 * The suffix is always kept whole (an id too long for it is shortened), so retries of the same
 * message never share a name with each other or with the first run.
 */
export function retryExecutionName(id: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`Retry attempt ${attempt} is not a positive integer`);
  const suffix = `-retry-${attempt}`;
  return `${executionName(id).slice(0, 80 - suffix.length)}${suffix}`;
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
  name: string = executionName(id),
): Promise<'started' | 'already-started'> {
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return 'started';
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return 'already-started';
    throw error;
  }
}
