import { z } from 'zod';
import type { InboundEmail } from '../domain/inbound-email.ts';
import { TRIAGE_REASONS } from '../domain/triage.ts';
import { MALWARE_SCAN_STATUSES, type MalwareScanStatus } from '../domain/malware-scan.ts';

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
  attachments: z.array(
    z.object({
      accepted: z.boolean(),
      reason: z.string().nullable().default(null),
      kind: z.string().optional(),
    }),
  ),
});

const locationSchema = z.object({ bucket: z.string(), key: z.string() }).nullable();

/** ScanAttachments' result: one status per attachment (null: not stored), and how often it asked. */
export const scanSchema = z.object({
  outcome: z.enum(['Scanned', 'Pending']),
  attempt: z.number().int().nonnegative(),
  statuses: z.array(z.enum(MALWARE_SCAN_STATUSES as [MalwareScanStatus, ...MalwareScanStatus[]]).nullable()),
});

export const afterParseSchema = intakeRequestSchema.extend({ parsed: parsedSchema });

/** What ScanAttachments reads: where each file waits, and its own previous result when it asks again. */
export const scanningSchema = intakeRequestSchema.extend({
  parsed: z.object({ attachments: z.array(z.object({ location: locationSchema.default(null) })) }),
  scan: scanSchema.optional(),
});

/** What ScreenEmail reads: the parse result and the scan results. */
export const afterScanSchema = afterParseSchema.extend({ scan: scanSchema });

/** What FileAttachments reads: every attachment as parsed, the scan results and the screening. */
export const screenedFilesSchema = intakeRequestSchema.extend({
  parsed: z.object({
    attachments: z.array(
      z
        .object({
          sha256: z.string(),
          filename: z.string().nullable(),
          contentType: z.string(),
          detectedType: z.string().nullable(),
          accepted: z.boolean(),
          reason: z.string().nullable(),
          location: locationSchema.default(null),
        })
        // Every other field of the report passes through unchanged.
        .loose(),
    ),
  }),
  scan: scanSchema,
  screening: z.object({ outcome: z.string() }),
});

/** Set by `intake triage retry` on a run that retries a held message; absent on the first run. */
const retrySchema = z.object({ attempt: z.number().int().positive() });

export const afterErrorSchema = z.object({
  messageId: z.string().min(1),
  receivedAt: z.string().optional(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  retry: retrySchema.optional(),
});

export const triageReasonSchema = z.enum(TRIAGE_REASONS);

const senderAmbiguitySchema = z.enum([
  'several-from-headers',
  'several-mailboxes',
  'group',
  'address-in-display-name',
  'malformed-address',
]);

/** What ReleaseFromHold reads: the message a retry run is about. */
export const retryRunSchema = z.object({ messageId: z.string().min(1), retry: retrySchema });

/** What MatchCase and RecordDocuments read: the request, the parse result and the screening. */
export const screenedEmailSchema = intakeRequestSchema.extend({
  parsed: z.object({
    from: z.string().nullable(),
    fromAddresses: z.array(z.string()).default([]),
    senderAmbiguity: senderAmbiguitySchema.nullable().default(null),
    replyTo: z.array(z.string()).default([]),
    to: z.array(z.string()),
    subject: z.string().nullable(),
    newText: z.string().optional(),
    inReplyTo: z.string().nullable(),
    references: z.array(z.string()),
    caseReference: z.string().nullable(),
    problems: z.array(z.string()).default([]),
    automaticReason: z.string().nullable().optional(),
    absentUntil: z.string().optional(),
    calendarReply: z
      .object({
        answer: z.enum(['accepted', 'declined', 'tentative']),
        uid: z.string().nullable(),
        comment: z.string().nullable(),
      })
      .optional(),
    attachments: z.array(
      z.object({
        sha256: z.string(),
        filename: z.string().nullable(),
        detectedType: z.string().nullable(),
        size: z.number(),
        accepted: z.boolean(),
        reason: z.string().nullable(),
        location: locationSchema.optional(),
        malwareScan: z.enum(['clean', 'not-scanned', 'held']).nullable().optional(),
      }),
    ),
  }),
  screening: z.object({
    outcome: z.literal('Proceed'),
    senderVerified: z.boolean(),
    autoReplyAllowed: z.boolean().default(true),
  }),
});

export const matchedEmailSchema = screenedEmailSchema.extend({
  match: z.object({ outcome: z.literal('Matched'), caseReference: z.string(), by: z.string() }),
});

/** RecordDocuments' result, as the steps after it read it. */
export const recordedSchema = z.object({
  caseReference: z.string(),
  added: z.number(),
  duplicates: z.number(),
  held: z.number(),
  missing: z.array(z.string()),
  complete: z.boolean(),
  next: z.enum(['SendQuery', 'ReadyForReview', 'CaseworkerOnly']),
});

/** The email as matching and recording see it, from the workflow state. */
export function inboundEmailFrom(state: z.infer<typeof screenedEmailSchema>): InboundEmail {
  const { parsed } = state;
  return {
    messageId: state.messageId,
    receivedAt: state.receivedAt,
    from: parsed.from,
    fromAddresses: parsed.fromAddresses,
    senderAmbiguity: parsed.senderAmbiguity,
    replyTo: parsed.replyTo,
    to: parsed.to,
    subject: parsed.subject,
    text: parsed.newText ?? '',
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    caseReference: parsed.caseReference,
    recipients: state.recipients,
    attachments: parsed.attachments.map(({ malwareScan, ...a }) => ({
      ...a,
      location: a.location ?? null,
      ...(malwareScan === undefined ? {} : { malwareScan }),
    })),
    readProblems: parsed.problems,
    ...(parsed.automaticReason ? { automaticReason: parsed.automaticReason } : {}),
    ...(parsed.absentUntil === undefined ? {} : { absentUntil: parsed.absentUntil }),
    ...(parsed.calendarReply === undefined ? {} : { calendarReply: parsed.calendarReply }),
    verdicts: state.verdicts,
    senderVerified: state.screening.senderVerified,
  };
}
