import * as z from 'zod';

/** The DecisionWorkflow's input, as StartDecision builds it. */
export const decisionRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('query'),
    caseReference: z.string().min(1),
    text: z.string().min(1),
    decisionId: z.string().min(1),
    decidedAt: z.string(),
  }),
  z.object({
    kind: z.literal('cancellation'),
    caseReference: z.string().min(1),
    decisionId: z.string().min(1),
    decidedAt: z.string(),
  }),
  z.object({
    kind: z.literal('welcome'),
    caseReference: z.string().min(1),
    decisionId: z.string().min(1),
    decidedAt: z.string(),
  }),
  z.object({
    kind: z.literal('acknowledgement'),
    caseReference: z.string().min(1),
    messageId: z.string().min(1),
    decisionId: z.string().min(1),
    decidedAt: z.string(),
  }),
  z.object({
    kind: z.literal('invitation'),
    caseReference: z.string().min(1),
    appointmentAt: z.string(),
    decisionId: z.string().min(1),
    decidedAt: z.string(),
  }),
]);

/** The state after SendDecision. */
export const decisionSentSchema = z.object({
  request: decisionRequestSchema,
  sent: z.object({ sentAt: z.string() }),
});

/** What SendReminder gets: which reminder, and the state. */
export const reminderInputSchema = z.object({
  reminder: z.enum(['query', 'caseworker', 'invitation']),
  state: decisionSentSchema,
});
