import middy from '@middy/core';
import { s3 } from '#clients/s3';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { caseReferenceFormatFromEnv } from '#shared/case-reference-format';
import { intakeRequestSchema } from '#events/workflow-state';
import { createCaseReferenceMatcher } from '#domain/case-reference';
import { MailparserEmailParser } from '#adapters/mailparser-email-parser';
import { S3DocumentStore } from '#adapters/s3-document-store';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { ParseEmail, type ParseEmailResult } from '#use-cases/parse-email';

const rawMail = new S3RawMailStore(s3);
const parseEmail = new ParseEmail({
  parser: new MailparserEmailParser(),
  documents: new S3DocumentStore(s3, requireEnv('DOCUMENT_BUCKET')),
  references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
});

/** IntakeWorkflow step ParseEmail: streams the raw message apart and stores every attachment. */
export const handler = middy<unknown, ParseEmailResult>().handler(async (event) => {
  const request = intakeRequestSchema.parse(event);
  const raw = await rawMail.open(request.rawMail);
  const result = await parseEmail.run(raw, { recipients: request.recipients, mailFrom: request.mailFrom });
  logger.info('Parsed', {
    sesMessageId: request.messageId,
    attachments: result.attachments.length,
    held: result.attachments.filter((a) => !a.accepted).length,
    bytes: result.attachments.reduce((sum, a) => sum + a.size, 0),
    problems: result.problems.length,
    automatic: result.autoSubmitted,
  });
  return result;
});
