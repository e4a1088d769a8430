import middy from '@middy/core';
import { logger } from '#shared/logger';
import { decisionSteps } from '#shared/decision-wiring';
import { reminderInputSchema } from '#events/decision-state';
import type { SendOutcome } from '#use-cases/case-mailer';

const steps = await decisionSteps();

/**
 * DecisionWorkflow reminders: the query reminder to the applicant, the note to the caseworker
 * when it stays unanswered, and the invitation reminder the day before.
 */
export const handler = middy<unknown, SendOutcome>().handler(async (event) => {
  const { reminder, state } = reminderInputSchema.parse(event);
  const outcome =
    reminder === 'query'
      ? await steps.remindQuery(state.request, state.sent.sentAt)
      : reminder === 'caseworker'
        ? await steps.tellCaseworkerUnanswered(state.request, state.sent.sentAt)
        : await steps.remindInvitation(state.request, new Date());
  logger.info('Reminder', { decisionId: state.request.decisionId, reminder, sent: outcome.sent });
  return outcome;
});
