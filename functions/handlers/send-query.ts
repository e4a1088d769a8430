import middy from '@middy/core';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import { loadParsedEmail } from '#shared/parse-records';
import { matchedEmailSchema, withRecordedNames } from '#events/workflow-state';
import { AcknowledgeSubmission } from '#use-cases/acknowledge-submission';

const { cases, caseMailer, rateLimiter, settings } = await mailWiring();
const acknowledge = new AcknowledgeSubmission({
  cases,
  mailer: caseMailer,
  rateLimiter,
  periodSeconds: settings.queryPeriodSeconds,
});

/**
 * IntakeWorkflow step SendQuery: acknowledges the submission to the applicant. When items are
 * missing the acknowledgement is the query (Rückfrage); the one that completes the file says so.
 */
export const handler = middy().handler(async (event: unknown) => {
  const state = matchedEmailSchema.parse(event);
  // Automatic mail (an auto-forward with documents) is recorded, never answered.
  const outcome = state.screening.autoReplyAllowed
    ? await acknowledge.run(
        state.match.caseReference,
        {
          messageId: state.messageId,
          // The files as the applicant named them: the names are in the parse record, not the state.
          files: withRecordedNames(state.parsed.attachments, await loadParsedEmail(state.parsed.record)),
        },
        new Date(),
      )
    : ({ sent: false, reason: 'automatic-mail' } as const);
  logger.info('Acknowledgement', {
    sesMessageId: state.messageId,
    sent: outcome.sent,
    ...(outcome.sent ? { kind: outcome.kind } : { reason: outcome.reason }),
  });
  // Into the workflow state goes what was sent, not to whom (addresses stay out of the state).
  return outcome.sent
    ? { sent: true, sesMessageId: outcome.sesMessageId, kind: outcome.kind, missing: outcome.missing }
    : outcome;
});
