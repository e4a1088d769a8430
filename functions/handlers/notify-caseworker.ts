import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import { loadParsedEmail } from '#shared/parse-records';
import { inboundEmailFrom, matchedEmailSchema, recordedSchema } from '#events/workflow-state';
import {
  DynamoDbPendingNotifications,
  PENDING_STALE_SECONDS,
} from '#adapters/dynamodb-pending-notifications';
import { NotifyCaseworker, type NotifyCaseworkerOutcome } from '#use-cases/notify-caseworker';

const { cases, caseMailer, settings } = await mailWiring();
const coalesceSeconds = Number(requireEnv('CASEWORKER_COALESCE_SECONDS'));
const notifyCaseworker = new NotifyCaseworker({
  cases,
  mailer: caseMailer,
  pending: new DynamoDbPendingNotifications(dynamoDb, requireEnv('TABLE_NAME'), PENDING_STALE_SECONDS),
  coalesceSeconds,
  timeZone: settings.timeZone,
});

const stateSchema = matchedEmailSchema.extend({ recorded: recordedSchema });

/**
 * IntakeWorkflow step NotifyCaseworker: a submission that brings something new joins its case's
 * pending caseworker email, or leads it (the workflow then waits and SendCaseworkerNotification
 * sends). Copies of what the case has are mailed to no one.
 */
export const handler = middy<unknown, NotifyCaseworkerOutcome>().handler(async (event) => {
  const state = stateSchema.parse(event);
  const record = await loadParsedEmail(state.parsed.record);
  const outcome = await notifyCaseworker.run(
    state.match.caseReference,
    inboundEmailFrom(state, record),
    state.recorded,
    state.match.by,
    new Date(),
  );
  logger.info('Caseworker notification', {
    sesMessageId: state.messageId,
    outcome: outcome.outcome,
    next: state.recorded.next,
  });
  return outcome;
});
