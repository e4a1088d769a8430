import middy from '@middy/core';
import * as z from 'zod';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import {
  DynamoDbPendingNotifications,
  PENDING_STALE_SECONDS,
} from '#adapters/dynamodb-pending-notifications';
import { SendCaseworkerNotification } from '#use-cases/send-caseworker-notification';

const { cases, caseMailer, settings } = await mailWiring();
const sendNotification = new SendCaseworkerNotification({
  cases,
  mailer: caseMailer,
  pending: new DynamoDbPendingNotifications(dynamoDb, requireEnv('TABLE_NAME'), PENDING_STALE_SECONDS),
  timeZone: settings.timeZone,
});

const stateSchema = z.object({
  messageId: z.string().min(1),
  match: z.object({ caseReference: z.string().min(1) }),
});

/**
 * IntakeWorkflow step SendCaseworkerNotification: after the coalescing window, one email to the
 * caseworker for every submission of the case pending; `more` when others joined meanwhile.
 */
export const handler = middy().handler(async (event: unknown) => {
  const state = stateSchema.parse(event);
  const outcome = await sendNotification.run(state.match.caseReference, state.messageId);
  logger.info('Caseworker notified', { sesMessageId: state.messageId, ...outcome });
  return outcome;
});
