import * as z from 'zod';
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
  envelopeSender: z.enum(['empty', 'daemon', 'other']),
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

const objectLocationSchema = z.object({ bucket: z.string(), key: z.string() });
const locationSchema = objectLocationSchema.nullable();

/**
 * An attachment as workflow state carries it: facts and where its bytes are, never its name or
 * the type the sender declared (both are in the parse record). Every other field passes through.
 */
const stateAttachmentSchema = z
  .object({
    sha256: z.string(),
    detectedType: z.string().nullable(),
    size: z.number(),
    accepted: z.boolean(),
    reason: z.string().nullable().default(null),
    kind: z.string().optional(),
    location: locationSchema.default(null),
    malwareScan: z.enum(['clean', 'not-scanned', 'held']).nullable().optional(),
  })
  .loose();

/**
 * ParseEmail's result in the state: where the parse record is, and what routing needs. Sender,
 * recipients, subject, the applicant's words and file names stay in the record.
 */
const parsedSchema = z.object({
  record: objectLocationSchema,
  caseReference: z.string().nullable(),
  automaticReason: z.string().nullable(),
  attachments: z.array(stateAttachmentSchema),
});

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
export const screenedFilesSchema = afterParseSchema.extend({
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
export const screenedEmailSchema = afterParseSchema.extend({
  screening: z.object({
    outcome: z.literal('Proceed'),
    senderVerified: z.boolean(),
    autoReplyAllowed: z.boolean().default(true),
  }),
});

/** The parse record ParseEmail keeps beside the raw message (see ParsedEmailRecords). */
export const parsedEmailRecordSchema = z.object({
  messageId: z.string().nullable(),
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
    z.object({ sha256: z.string(), filename: z.string().nullable(), contentType: z.string() }),
  ),
});

export type ParsedEmailRecord = z.infer<typeof parsedEmailRecordSchema>;

/**
 * The state's attachments with their names and declared types from the record: the state says
 * where each file is and what became of it, the record what the sender called it.
 */
export function withRecordedNames<T extends { readonly sha256: string }>(
  attachments: readonly T[],
  record: ParsedEmailRecord,
): (T & { readonly filename: string | null; readonly contentType: string })[] {
  if (attachments.length !== record.attachments.length) {
    throw new Error('The parse record and the workflow state list different attachments');
  }
  return attachments.map((attachment, index) => {
    const recorded = record.attachments[index]!;
    if (recorded.sha256 !== attachment.sha256) {
      throw new Error('The parse record and the workflow state list different attachments');
    }
    return { ...attachment, filename: recorded.filename, contentType: recorded.contentType };
  });
}

/** What workflow state keeps of an attachment: everything but its name and declared type. */
export function withoutNames<T extends { readonly filename: string | null; readonly contentType: string }>(
  attachment: T,
): Omit<T, 'filename' | 'contentType'> {
  const { filename: _filename, contentType: _contentType, ...rest } = attachment;
  return rest;
}

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

/** The email as matching and recording see it: the state's facts with the parse record's words. */
export function inboundEmailFrom(
  state: z.infer<typeof screenedEmailSchema>,
  record: ParsedEmailRecord,
): InboundEmail {
  return {
    messageId: state.messageId,
    receivedAt: state.receivedAt,
    from: record.from,
    fromAddresses: record.fromAddresses,
    senderAmbiguity: record.senderAmbiguity,
    replyTo: record.replyTo,
    to: record.to,
    subject: record.subject,
    text: record.newText ?? '',
    inReplyTo: record.inReplyTo,
    references: record.references,
    caseReference: state.parsed.caseReference,
    recipients: state.recipients,
    attachments: withRecordedNames(state.parsed.attachments, record).map(({ malwareScan, ...a }) => ({
      sha256: a.sha256,
      filename: a.filename,
      detectedType: a.detectedType,
      size: a.size,
      accepted: a.accepted,
      reason: a.reason,
      location: a.location,
      ...(malwareScan === undefined ? {} : { malwareScan }),
    })),
    readProblems: record.problems,
    ...(record.automaticReason ? { automaticReason: record.automaticReason } : {}),
    ...(record.absentUntil === undefined ? {} : { absentUntil: record.absentUntil }),
    ...(record.calendarReply === undefined ? {} : { calendarReply: record.calendarReply }),
    verdicts: state.verdicts,
    senderVerified: state.screening.senderVerified,
  };
}
