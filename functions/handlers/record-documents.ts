import middy from '@middy/core';
import { MATCHED_BY_DE } from '#domain/caseworker-notification';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { caseRepository } from '#shared/case-repository';
import { loadParsedEmail } from '#shared/parse-records';
import { inboundEmailFrom, matchedEmailSchema } from '#events/workflow-state';
import { RecordDocuments, type RecordDocumentsResult } from '#use-cases/record-documents';

const recordDocuments = new RecordDocuments(caseRepository(dynamoDb, requireEnv('TABLE_NAME')));

/** IntakeWorkflow step RecordDocuments: the email's documents become documents of its case. */
export const handler = middy<unknown, RecordDocumentsResult>().handler(async (event) => {
  const state = matchedEmailSchema.parse(event);
  const record = await loadParsedEmail(state.parsed.record);
  const result = await recordDocuments.run(
    state.match.caseReference,
    inboundEmailFrom(state, record),
    // The case's log is read by caseworkers: in German.
    `zugeordnet über: ${MATCHED_BY_DE[state.match.by] ?? state.match.by}`,
  );
  logger.info('Recorded', {
    sesMessageId: state.messageId,
    added: result.added,
    duplicates: result.duplicates,
    held: result.held,
    missing: result.missing.length,
  });
  return result;
});
