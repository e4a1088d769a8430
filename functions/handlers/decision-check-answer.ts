import middy from '@middy/core';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { caseRepository } from '#shared/case-repository';
import { decisionSentSchema } from '#events/decision-state';
import { CheckAnswer } from '#use-cases/check-answer';

// Only the case log: this step may read the table and nothing else (see its grant in lib/).
const checkAnswer = new CheckAnswer(caseRepository(dynamoDb, requireEnv('TABLE_NAME')));

/** DecisionWorkflow step CheckAnswer: did the applicant write since the query? */
export const handler = middy<unknown, { answered: boolean }>().handler(async (event) => {
  const state = decisionSentSchema.parse(event);
  return checkAnswer.answeredSince(state.request.caseReference, state.sent.sentAt);
});
