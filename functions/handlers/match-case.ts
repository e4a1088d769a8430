import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { afterParseSchema } from '#events/workflow-state';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';

const triage = new DynamoDbTriageRepository(dynamoDb, requireEnv('TABLE_NAME'));

/** What MatchCase answers until case matching exists. */
interface MatchNotAvailable {
  readonly outcome: 'Unmatched';
  readonly reason: 'matching-not-available';
  readonly note: string;
  readonly suggestedCases: readonly string[];
}

/**
 * IntakeWorkflow step MatchCase. Case matching (thread, reference, contact) is not built yet
 * (issue #4): until then every message that passes screening goes to triage, with the case
 * reference it named as a suggestion, and this step says so in its output.
 */
export const handler = middy<unknown, MatchNotAvailable>().handler(async (event) => {
  const state = afterParseSchema.parse(event);
  const suggestedCases = state.parsed.caseReference === null ? [] : [state.parsed.caseReference];
  await triage.add({
    messageId: state.messageId,
    reason: 'matching-not-available',
    receivedAt: state.receivedAt,
    suggestedCases,
    detail: null,
  });
  logger.info('Sent to triage', { sesMessageId: state.messageId, reason: 'matching-not-available' });
  return {
    outcome: 'Unmatched',
    reason: 'matching-not-available',
    note: 'Case matching is not built yet (issue #4); the message waits in triage for a person.',
    suggestedCases,
  };
});
