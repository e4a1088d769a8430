import middy from '@middy/core';
import * as z from 'zod';
import { logger } from '#shared/logger';
import { countMessage } from '#shared/metrics';
import { MESSAGE_METRICS } from '#events/message-metrics';
import { mailWiring } from '#shared/mail-wiring';
import { loadParsedEmail } from '#shared/parse-records';
import { inboundEmailFrom, screenedEmailSchema, triageReasonSchema } from '#events/workflow-state';
import { SendTriageReply } from '#use-cases/send-triage-reply';

const { mailer, rateLimiter, settings } = await mailWiring();
const sendTriageReply = new SendTriageReply({
  mailer,
  rateLimiter,
  settings: {
    officeName: settings.officeName,
    intakeAddress: settings.intakeAddress,
    periodSeconds: settings.triageReplyPeriodSeconds,
    contactOptions: settings.contactOptions,
    ownAddresses: settings.ownAddresses,
  },
});

const stateSchema = screenedEmailSchema.extend({
  match: z.object({ outcome: z.literal('Triage'), reason: triageReasonSchema }),
});

/** IntakeWorkflow step SendTriageReply: the generic "please name your case reference" reply. */
export const handler = middy().handler(async (event: unknown) => {
  const state = stateSchema.parse(event);
  const record = await loadParsedEmail(state.parsed.record);
  const outcome = await sendTriageReply.run(
    {
      ...inboundEmailFrom(state, record),
      ownMessageId: record.messageId,
      autoReplyAllowed: state.screening.autoReplyAllowed,
      triageReason: state.match.reason,
    },
    new Date(),
  );
  logger.info('Triage reply', {
    sesMessageId: state.messageId,
    sent: outcome.sent,
    ...(outcome.sent ? {} : { reason: outcome.reason }),
  });
  countMessage(MESSAGE_METRICS.triageReplies, outcome.sent ? 'sent' : outcome.reason);
  return outcome;
});
