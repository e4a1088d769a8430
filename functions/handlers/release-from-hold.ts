import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { retryRunSchema } from '#events/workflow-state';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';

const triage = new DynamoDbTriageRepository(dynamoDb, requireEnv('TABLE_NAME'));

/**
 * IntakeWorkflow's first step on a retry run (`intake triage retry`): takes the held message off
 * the triage list, since this run now owns it. If the run fails again, HoldForPerson puts it back
 * with the attempt counted; if it ends in triage for another reason, that step adds its own entry.
 * Removing an entry that is already gone is no error, so a replayed step is harmless.
 */
export const handler = middy<unknown, { released: true }>().handler(async (event) => {
  const state = retryRunSchema.parse(event);
  await triage.remove(state.messageId);
  logger.info('Held message released for a retry', {
    sesMessageId: state.messageId,
    attempt: state.retry.attempt,
  });
  return { released: true };
});
