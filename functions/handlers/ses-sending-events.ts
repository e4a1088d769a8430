import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import { sendingEventFromQueueBody } from '#events/ses-sending-event';
import { DynamoDbUndeliverableAddresses } from '#adapters/dynamodb-undeliverable-addresses';
import { EmailCaseworkerAlert } from '#use-cases/email-caseworker-alert';
import { MarkUndeliverable } from '#use-cases/mark-undeliverable';

const table = requireEnv('TABLE_NAME');
const { cases, caseMailer } = await mailWiring();
const markUndeliverable = new MarkUndeliverable({
  cases,
  undeliverable: new DynamoDbUndeliverableAddresses(dynamoDb, table),
  alert: new EmailCaseworkerAlert(caseMailer),
  // Set by Lambda; SES puts the sending region into the Message-ID of every message it sends.
  region: requireEnv('AWS_REGION'),
});

/**
 * SQS consumer of SES sending events of the configuration set (SES → SNS → SQS). A permanent
 * bounce or a complaint marks the addresses undeliverable on the case that sent the mail and
 * alerts its caseworker; transient bounces and rejects are only logged. A record that fails is
 * reported back alone, so SQS retries only that one and, after its last try, moves it to the DLQ.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const sendingEvent = sendingEventFromQueueBody(record.body);
      if (sendingEvent.action === 'log-only') {
        logger.info('Sending event marks nothing', {
          sesMessageId: sendingEvent.sesMessageId,
          eventType: sendingEvent.eventType,
          reason: sendingEvent.why,
          messageKind: sendingEvent.messageKind,
        });
        continue;
      }
      const result = await markUndeliverable.run(sendingEvent.feedback);
      logger.info('Sending event', {
        sesMessageId: sendingEvent.feedback.sesMessageId,
        kind: sendingEvent.feedback.kind,
        messageKind: sendingEvent.messageKind,
        outcome: result.outcome,
        ...(result.outcome === 'marked' ? { cases: result.cases, addresses: result.addresses } : {}),
      });
    } catch (error) {
      logger.error('Sending event could not be handled', { sqsMessageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
