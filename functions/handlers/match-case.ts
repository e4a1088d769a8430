import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { loadReplyAddressSecret } from '#shared/reply-address-secret';
import { ownAddressesFromEnv } from '#shared/office-settings';
import { isOwnAddress } from '#domain/own-addresses';
import { logger } from '#shared/logger';
import { countMessage } from '#shared/metrics';
import { MESSAGE_METRICS } from '#events/message-metrics';
import { caseRepository } from '#shared/case-repository';
import { loadParsedEmail } from '#shared/parse-records';
import { inboundEmailFrom, screenedEmailSchema } from '#events/workflow-state';
import type { MatchDecision } from '#domain/case-matching';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';
import { MatchCase } from '#use-cases/match-case';
import { triageRetentionFromEnv } from '#shared/triage-retention';

const table = requireEnv('TABLE_NAME');
const ownAddresses = ownAddressesFromEnv();
const matchCase = new MatchCase({
  cases: caseRepository(dynamoDb, table),
  triage: new DynamoDbTriageRepository(dynamoDb, table, triageRetentionFromEnv()),
  replyAddressSecret: await loadReplyAddressSecret(),
  isOwnAddress: (address) => isOwnAddress(address, ownAddresses),
});

/**
 * IntakeWorkflow step MatchCase: by thread, then case reference, then registered contact.
 * Anything else goes to triage with the reason (the workflow routes on `outcome`).
 */
export const handler = middy<unknown, MatchDecision>().handler(async (event) => {
  const state = screenedEmailSchema.parse(event);
  const record = await loadParsedEmail(state.parsed.record);
  const decision = await matchCase.run(inboundEmailFrom(state, record));
  logger.info('Matched', {
    sesMessageId: state.messageId,
    outcome: decision.outcome,
    ...(decision.outcome === 'Matched' ? { by: decision.by } : { reason: decision.reason }),
  });
  if (decision.outcome !== 'Matched') countMessage(MESSAGE_METRICS.triaged, decision.reason);
  return decision;
});
