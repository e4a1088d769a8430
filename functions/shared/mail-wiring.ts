import { dynamoDb, dynamoDbClient } from '#clients/dynamodb';
import { s3 } from '#clients/s3';
import { ses } from '#clients/sesv2';
import { S3SentMailArchive } from '../adapters/s3-sent-mail-archive.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { DynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.ts';
import { DynamoDbUndeliverableAddresses } from '../adapters/dynamodb-undeliverable-addresses.ts';
import { CaseMailer } from '../use-cases/case-mailer.ts';
import { LoopGuardMailer } from '../use-cases/loop-guard-mailer.ts';
import { caseRepository } from './case-repository.ts';
import { requireEnv } from './env.ts';
import { logger } from './logger.ts';
import { officeSettingsFromEnv } from './office-settings.ts';
import { loadReplyAddressSecret } from './reply-address-secret.ts';

/**
 * The outbound-mail collaborators as every sending handler builds them at load: one place, so
 * the handlers stay thin and cannot wire them differently.
 */
export async function mailWiring() {
  const table = requireEnv('TABLE_NAME');
  const settings = officeSettingsFromEnv();
  const cases = caseRepository(dynamoDb, table);
  // Whatever a use case decides, nothing goes to an intake recipient (a loop) or, meant for
  // applicants, to any address of ours.
  const sesMailer = new SesMailer({
    ses,
    archive: new S3SentMailArchive(s3, requireEnv('DOCUMENT_BUCKET')),
    dynamoDbClient,
    tableName: table,
    fromAddress: settings.fromAddress,
    fromName: settings.officeName,
    configurationSet: settings.configurationSet,
    region: process.env.AWS_REGION ?? 'eu-west-1',
    logger,
  });
  const mailer = new LoopGuardMailer(sesMailer, settings.ownAddresses);
  // Addresses that bounced permanently or complained (written by the SES events consumer).
  const undeliverable = new DynamoDbUndeliverableAddresses(dynamoDb, table);
  const replyAddressSecret = await loadReplyAddressSecret();
  const caseMailer = new CaseMailer({
    cases,
    mailer,
    undeliverable,
    settings: {
      officeName: settings.officeName,
      intakeAddress: settings.intakeAddress,
      fromAddress: settings.fromAddress,
      replyAddressSecret,
      ownAddresses: settings.ownAddresses,
      timeZone: settings.timeZone,
    },
  });
  return {
    settings,
    cases,
    mailer,
    caseMailer,
    rateLimiter: new DynamoDbRateLimiter(dynamoDb, table),
    replyAddressSecret,
  };
}
