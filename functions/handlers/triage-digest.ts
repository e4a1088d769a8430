import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';
import { DynamoDbDigestCursor } from '#adapters/dynamodb-digest-cursor';
import { SendTriageDigest } from '#use-cases/send-triage-digest';

const { mailer, rateLimiter, settings } = await mailWiring();
const table = requireEnv('TABLE_NAME');
const digest = new SendTriageDigest({
  triage: new DynamoDbTriageRepository(dynamoDb, table),
  cursor: new DynamoDbDigestCursor(dynamoDb, table, 'triage'),
  rateLimiter,
  mailer,
  settings: {
    mailbox: requireEnv('INTAKE_CASEWORKER_MAILBOX'),
    officeName: settings.officeName,
    fromAddress: settings.fromAddress,
    timeZone: settings.timeZone,
  },
});

/** Scheduled (EventBridge, hourly): the office's digest of what landed in triage, at most one an hour. */
export const handler = middy().handler(async () => {
  const outcome = await digest.run(new Date());
  logger.info('Triage digest', outcome);
  return outcome;
});
