import middy from '@middy/core';
import { z } from 'zod';
import { logger } from '#shared/logger';
import { mailWiring } from '#shared/mail-wiring';
import { loadParsedEmail } from '#shared/parse-records';
import { inboundEmailFrom, matchedEmailSchema } from '#events/workflow-state';
import { NotifyCaseworker } from '#use-cases/notify-caseworker';
import type { SendOutcome } from '#use-cases/case-mailer';

const { cases, caseMailer } = await mailWiring();
const notifyCaseworker = new NotifyCaseworker({ cases, mailer: caseMailer });

const stateSchema = matchedEmailSchema.extend({
  recorded: z.object({
    caseReference: z.string(),
    added: z.number(),
    duplicates: z.number(),
    held: z.number(),
    missing: z.array(z.string()),
    complete: z.boolean(),
    next: z.enum(['SendQuery', 'ReadyForReview', 'CaseworkerOnly']),
  }),
});

/** IntakeWorkflow step NotifyCaseworker: the caseworker learns what arrived and what happens next. */
export const handler = middy<unknown, SendOutcome>().handler(async (event) => {
  const state = stateSchema.parse(event);
  const record = await loadParsedEmail(state.parsed.record);
  const outcome = await notifyCaseworker.run(
    state.match.caseReference,
    inboundEmailFrom(state, record),
    state.recorded,
    state.match.by,
  );
  logger.info('Caseworker notified', {
    sesMessageId: state.messageId,
    sent: outcome.sent,
    next: state.recorded.next,
  });
  return outcome;
});
