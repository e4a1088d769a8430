import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { countMessage } from '#shared/metrics';
import { MESSAGE_METRICS } from '#events/message-metrics';
import { afterErrorSchema } from '#events/workflow-state';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';
import { triageRetentionFromEnv } from '#shared/triage-retention';

const triage = new DynamoDbTriageRepository(dynamoDb, requireEnv('TABLE_NAME'), triageRetentionFromEnv());

/**
 * IntakeWorkflow's catch-all: a step failed unexpectedly. The raw message stays in the inbound
 * bucket; this puts it in triage with the error's name so a person sees it. Nothing is dropped.
 */
export const handler = middy<unknown, { held: true; reason: 'processing-error' }>().handler(async (event) => {
  const state = afterErrorSchema.parse(event);
  const errorName = state.error?.Error ?? 'UnknownError';
  await triage.add({
    messageId: state.messageId,
    reason: 'processing-error',
    receivedAt: state.receivedAt ?? new Date().toISOString(),
    suggestedCases: [],
    // The error name only: causes can quote message content.
    detail: errorName.slice(0, 200),
  });
  logger.error('Held for a person after a failed step', { sesMessageId: state.messageId, error: errorName });
  // The execution still succeeds: this metric is what an alarm sees.
  countMessage(MESSAGE_METRICS.held, errorName);
  return { held: true, reason: 'processing-error' };
});
