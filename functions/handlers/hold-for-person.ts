import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { countMessage } from '#shared/metrics';
import { MESSAGE_METRICS } from '#events/message-metrics';
import { afterErrorSchema, intakeRequestSchema } from '#events/workflow-state';
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
  // The run's own input, kept so `intake triage retry` can run the workflow again on exactly it.
  const request = intakeRequestSchema.safeParse(event);
  const attempts = (state.retry?.attempt ?? 0) + 1;
  await triage.hold({
    messageId: state.messageId,
    reason: 'processing-error',
    receivedAt: state.receivedAt ?? new Date().toISOString(),
    suggestedCases: [],
    // The error name only: causes can quote message content.
    detail: errorName.slice(0, 200),
    attempts,
    ...(request.success ? { request: request.data } : {}),
  });
  logger.error('Held for a person after a failed step', {
    sesMessageId: state.messageId,
    error: errorName,
    attempts,
  });
  // The execution still succeeds: this metric is what an alarm sees.
  countMessage(MESSAGE_METRICS.held, errorName);
  return { held: true, reason: 'processing-error' };
});
