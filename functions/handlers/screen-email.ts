import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { countMessage } from '#shared/metrics';
import { MESSAGE_METRICS } from '#events/message-metrics';
import { afterScanSchema } from '#events/workflow-state';
import { withScanResults } from '#domain/malware-scan';
import { screenEmail, type ScreeningResult } from '#domain/screening';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';
import { triageRetentionFromEnv } from '#shared/triage-retention';

const triage = new DynamoDbTriageRepository(dynamoDb, requireEnv('TABLE_NAME'), triageRetentionFromEnv());

/**
 * IntakeWorkflow step ScreenEmail: decides from SES's verdicts (never the message's own headers),
 * the parse result and the malware scan whether the message goes on. Quarantined messages enter triage here.
 */
export const handler = middy<unknown, ScreeningResult>().handler(async (event) => {
  const state = afterScanSchema.parse(event);
  const result = screenEmail({
    verdicts: state.verdicts,
    automaticReason: state.parsed.automaticReason,
    // A file the malware scan did not find clean counts as held, like any the policy held.
    attachments: withScanResults(state.parsed.attachments, state.scan.statuses),
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
