import middy from '@middy/core';
import { s3 } from '#clients/s3';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { caseReferenceFormatFromEnv } from '#shared/case-reference-format';
import { intakeRequestSchema, withoutNames } from '#events/workflow-state';
import { createCaseReferenceMatcher } from '#domain/case-reference';
import { MailparserEmailParser } from '#adapters/mailparser-email-parser';
import { S3DocumentStore } from '#adapters/s3-document-store';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { S3ParsedEmailRecords } from '#adapters/s3-parsed-email-records';
import { ParseEmail } from '#use-cases/parse-email';

const rawMail = new S3RawMailStore(s3);
const records = new S3ParsedEmailRecords(s3);
const parseEmail = new ParseEmail({
  parser: new MailparserEmailParser(),
  documents: new S3DocumentStore(s3, requireEnv('DOCUMENT_BUCKET')),
  references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
});

/**
 * IntakeWorkflow step ParseEmail: streams the raw message apart and stores every attachment. What
 * it read is kept in a parse record beside the raw message; the workflow's state gets where that
 * record is and what routing needs, never the sender, subject, words or file names.
 */
export const handler = middy().handler(async (event: unknown) => {
  const request = intakeRequestSchema.parse(event);
  const raw = await rawMail.open(request.rawMail);
  const result = await parseEmail.run(raw, {
    recipients: request.recipients,
    envelopeSender: request.envelopeSender,
  });
  const record = await records.save(request.rawMail, request.messageId, result);
  logger.info('Parsed', {
    sesMessageId: request.messageId,
    attachments: result.attachments.length,
    held: result.attachments.filter((a) => !a.accepted).length,
    bytes: result.attachments.reduce((sum, a) => sum + a.size, 0),
    problems: result.problems.length,
    automatic: result.autoSubmitted,
  });
  return {
    record,
    caseReference: result.caseReference,
    automaticReason: result.automaticReason,
    textLength: result.textLength,
    problems: result.problems.length,
    attachments: result.attachments.map(withoutNames),
  };
});
