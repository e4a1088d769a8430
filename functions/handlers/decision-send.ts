import middy from '@middy/core';
import { logger } from '#shared/logger';
import { decisionSteps } from '#shared/decision-wiring';
import { decisionRequestSchema } from '#events/decision-state';
import type { DecisionSent } from '#use-cases/decision-steps';

const steps = await decisionSteps();

/** DecisionWorkflow step SendDecision: the caseworker's query, or the invitation with its .ics. */
export const handler = middy<unknown, DecisionSent>().handler(async (event) => {
  const request = decisionRequestSchema.parse(event);
  const sent = await steps.send(request, new Date());
  logger.info('Decision sent', {
    decisionId: request.decisionId,
    kind: request.kind,
    sent: sent.outcome.sent,
  });
  return sent;
});
