import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { countMessage } from '#shared/metrics';
import { MESSAGE_METRICS } from '#events/message-metrics';
import { afterParseSchema } from '#events/workflow-state';
import { screenEmail, type ScreeningResult } from '#domain/screening';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';
import { triageRetentionFromEnv } from '#shared/triage-retention';

const triage = new DynamoDbTriageRepository(dynamoDb, requireEnv('TABLE_NAME'), triageRetentionFromEnv());

/**
 * IntakeWorkflow step ScreenEmail: decides from SES's verdicts (never the message's own headers)
 * and the parse result whether the message goes on. Quarantined messages enter triage here.
 */
export const handler = middy<unknown, ScreeningResult>().handler(async (event) => {
  const state = afterParseSchema.parse(event);
  const result = screenEmail({
    verdicts: state.verdicts,
    automaticReason: state.parsed.automaticReason,
    attachments: state.parsed.attachments,
  });
  if (result.outcome === 'Quarantine') {
    await triage.add({
      messageId: state.messageId,
      reason: result.reason === 'virus' ? 'quarantined-virus' : 'quarantined-spam',
      receivedAt: state.receivedAt,
      suggestedCases: [],
      // What SES said instead of PASS (FAIL: found; GRAY, DISABLED, PROCESSING_FAILED: not scanned clean).
      detail: `${result.reason} verdict ${result.verdict}`,
    });
    countMessage(MESSAGE_METRICS.quarantined, result.reason);
  }
  logger.info('Screened', { sesMessageId: state.messageId, outcome: result.outcome });
  return result;
});
