import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { stepFunctions } from '#clients/sfn';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { intakeRequestFromQueueBody } from '#events/ses-receipt-notification';
import { StepFunctionsWorkflowStarter } from '#adapters/step-functions-workflow-starter';
import { StartIntake } from '#use-cases/start-intake';

const startIntake = new StartIntake(
  new StepFunctionsWorkflowStarter(stepFunctions, requireEnv('STATE_MACHINE_ARN')),
);

/**
 * SQS consumer of SES receipt notifications (SES → SNS → SQS). Starts one IntakeWorkflow per
 * message. A record that fails is reported back alone, so SQS retries only that one and, after
 * its last try, moves it to the DLQ where a person sees it.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const request = intakeRequestFromQueueBody(record.body);
      if ('ignored' in request) {
        logger.info('Notification starts no workflow', {
          sqsMessageId: record.messageId,
          reason: request.ignored,
        });
        continue;
      }
      const outcome = await startIntake.run(request);
      logger.info('Intake workflow', { sesMessageId: request.messageId, outcome });
    } catch (error) {
      // The error's name only: a parse error quotes the body, which may hold addresses.
      logger.error('Notification could not be handled', {
        sqsMessageId: record.messageId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
