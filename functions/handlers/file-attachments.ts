import middy from '@middy/core';
import { s3 } from '#clients/s3';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { loadParsedEmail } from '#shared/parse-records';
import { screenedFilesSchema, withoutNames, withRecordedNames } from '#events/workflow-state';
import { S3DocumentStore } from '#adapters/s3-document-store';
import { FileAttachments } from '#use-cases/file-attachments';

const fileAttachments = new FileAttachments(new S3DocumentStore(s3, requireEnv('DOCUMENT_BUCKET')));

/**
 * IntakeWorkflow step FileAttachments: after screening, moves every staged file to `documents/`
 * or `quarantine/`; its answer replaces the attachments in the workflow state.
 */
export const handler = middy<unknown, unknown[]>().handler(async (event) => {
  const state = screenedFilesSchema.parse(event);
  // The file name and declared type go onto the filed object, for the caseworker who opens it.
  const record = await loadParsedEmail(state.parsed.record);
  const filed = await fileAttachments.run(
    withRecordedNames(state.parsed.attachments, record),
    state.scan.statuses,
    state.screening.outcome === 'Quarantine',
  );
  logger.info('Filed', {
    sesMessageId: state.messageId,
    documents: filed.filter((a) => a.location?.key.startsWith('documents/')).length,
    quarantined: filed.filter((a) => a.location?.key.startsWith('quarantine/')).length,
  });
  return filed.map(withoutNames);
});
