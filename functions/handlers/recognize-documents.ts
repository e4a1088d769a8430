import middy from '@middy/core';
import * as z from 'zod';
import { recordedSchema } from '#events/workflow-state';
import { dynamoDb } from '#clients/dynamodb';
import { s3 } from '#clients/s3';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { caseRepository } from '#shared/case-repository';
import { DynamoDbRecognisedContentStore } from '#adapters/dynamodb-recognised-content-store';
import { PdfAndOcrTextExtractor } from '#adapters/document-text-extraction';
import { S3DocumentReader } from '#adapters/s3-document-reader';
import { TesseractOcr } from '#adapters/tesseract-ocr';
import { RecognizeDocuments, type RecognizeDocumentsResult } from '#use-cases/recognize-documents';

const table = requireEnv('TABLE_NAME');
/** Only files that passed screening are read (see S3DocumentReader). */
const DOCUMENTS_PREFIX = 'documents/';

// The OCR worker (and its models) is kept for the container's life: a warm start reads at once.
const recognizeDocuments = new RecognizeDocuments({
  cases: caseRepository(dynamoDb, table),
  files: new S3DocumentReader(s3, requireEnv('DOCUMENT_BUCKET'), DOCUMENTS_PREFIX),
  extractor: new PdfAndOcrTextExtractor(new TesseractOcr()),
  contents: new DynamoDbRecognisedContentStore(dynamoDb, table),
});

/** What this step reads of the state: the message, its case and RecordDocuments' result. Keys only. */
const stateSchema = z.object({
  messageId: z.string().min(1),
  match: z.object({ caseReference: z.string().min(1) }),
  recorded: recordedSchema,
});

/**
 * IntakeWorkflow step RecognizeDocuments: each new document placed on its checklist item by what
 * it is. Answers RecordDocuments' result with the checklist as it now stands (it replaces
 * `$.recorded`), plus counts; the text read stays in the table, out of the state and the logs.
 */
export const handler = middy<unknown, Omit<RecognizeDocumentsResult, 'ocrMillis'>>().handler(
  async (event) => {
    const state = stateSchema.parse(event);
    const { ocrMillis, ...result } = await recognizeDocuments.run(state.match.caseReference, state.recorded);
    logger.info('Recognised', {
      sesMessageId: state.messageId,
      read: result.read,
      recognised: result.recognised,
      toConfirm: result.toConfirm,
      unassigned: result.unassigned,
      ocrPages: ocrMillis.length,
      ocrMillisMax: ocrMillis.length === 0 ? 0 : Math.round(Math.max(...ocrMillis)),
      missing: result.missing.length,
    });
    return result;
  },
);
