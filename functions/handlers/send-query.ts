import middy from '@middy/core';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import { matchedEmailSchema } from '#events/workflow-state';
import { SendMissingDocumentsQuery } from '#use-cases/send-query';

const { cases, caseMailer, rateLimiter, settings } = await mailWiring();
const sendQuery = new SendMissingDocumentsQuery({
  cases,
  mailer: caseMailer,
  rateLimiter,
  periodSeconds: settings.queryPeriodSeconds,
});

/** IntakeWorkflow step SendQuery: asks the applicant for exactly what is still missing. */
export const handler = middy().handler(async (event: unknown) => {
  const state = matchedEmailSchema.parse(event);
  // Automatic mail (an auto-forward with documents) is recorded, never answered.
  const outcome = state.screening.autoReplyAllowed
    ? await sendQuery.run(state.match.caseReference, state.messageId, new Date())
    : ({ sent: false, reason: 'automatic-mail' } as const);
  logger.info('Query', {
    sesMessageId: state.messageId,
    sent: outcome.sent,
    ...(outcome.sent ? {} : { reason: outcome.reason }),
  });
  return outcome;
});
