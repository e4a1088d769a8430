import middy from '@middy/core';
import { logger } from '#shared/logger';
import { intakeRequestSchema } from '#events/workflow-state';

/**
 * IntakeWorkflow step RecordDocuments. Recording documents on a case comes with case matching
 * (issue #4); MatchCase answers `Unmatched` until then, so the workflow does not reach this step.
 * Should it be reached, it says plainly that nothing was recorded.
 */
export const handler = middy<unknown, { status: 'not-available'; note: string }>().handler(async (event) => {
  const { messageId } = intakeRequestSchema.pick({ messageId: true }).parse(event);
  logger.warn('RecordDocuments reached before it is built', { sesMessageId: messageId });
  return { status: 'not-available', note: 'Recording documents on a case is not built yet (issue #4).' };
});
