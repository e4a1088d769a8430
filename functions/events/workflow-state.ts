import { z } from 'zod';

/**
 * Schemas of the IntakeWorkflow state each step reads. The state machine passes the whole state
 * (`$`) to every step; each step validates only the parts it uses.
 */
const verdictStatus = z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);

export const intakeRequestSchema = z.object({
  messageId: z.string().min(1),
  rawMail: z.object({ bucket: z.string().min(1), key: z.string().min(1) }),
  recipients: z.array(z.string()),
  mailFrom: z.string(),
  receivedAt: z.string(),
  verdicts: z.object({
    spam: verdictStatus,
    virus: verdictStatus,
    spf: verdictStatus,
    dkim: verdictStatus,
    dmarc: verdictStatus,
    dmarcPolicy: z.enum(['none', 'quarantine', 'reject']),
  }),
});

const parsedSchema = z.object({
  caseReference: z.string().nullable(),
  automaticReason: z.string().nullable(),
  attachments: z.array(z.object({ accepted: z.boolean() })),
});

export const afterParseSchema = intakeRequestSchema.extend({ parsed: parsedSchema });

export const afterErrorSchema = z.object({
  messageId: z.string().min(1),
  receivedAt: z.string().optional(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});
