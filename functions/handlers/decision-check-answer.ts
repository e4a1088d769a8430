import middy from '@middy/core';
import { decisionSteps } from '#shared/decision-wiring';
import { decisionSentSchema } from '#events/decision-state';

const steps = await decisionSteps();

/** DecisionWorkflow step CheckAnswer: did the applicant write since the query? */
export const handler = middy<unknown, { answered: boolean }>().handler(async (event) => {
  const state = decisionSentSchema.parse(event);
  return steps.answeredSince(state.request.caseReference, state.sent.sentAt);
});
