import middy from '@middy/core';
import { logger } from '#shared/logger';
import { intakeRequestSchema } from '#events/workflow-state';

/**
 * IntakeWorkflow step NotifyCaseworker. Caseworker notifications come with the workflows issue
 * (#5); the workflow does not reach this step before matching exists (#4). Should it be reached,
 * it says plainly that nobody was notified.
 */
export const handler = middy<unknown, { status: 'not-available'; note: string }>().handler(async (event) => {
  const { messageId } = intakeRequestSchema.pick({ messageId: true }).parse(event);
  logger.warn('NotifyCaseworker reached before it is built', { sesMessageId: messageId });
  return { status: 'not-available', note: 'Caseworker notification is not built yet (issue #5).' };
});
