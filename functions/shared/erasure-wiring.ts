import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCaseErasure } from '../adapters/dynamodb-case-erasure.ts';
import { DynamoDbTriageRepository } from '../adapters/dynamodb-triage-repository.ts';
import { S3ObjectEraser } from '../adapters/s3-object-eraser.ts';
import { SENT_MAIL_PREFIX } from '../adapters/s3-sent-mail-archive.ts';
import { PARSED_EMAIL_PREFIX, parsedEmailLocation } from '../adapters/s3-parsed-email-records.ts';
import { EraseCase } from '../use-cases/erase-case.ts';
import { caseRepository } from './case-repository.ts';

/** Where SES's receipt rule stores raw mail: `inbound/<SES message id>` (the stateful stack's prefix). */
export const INBOUND_MAIL_PREFIX = 'inbound/';

/** The areas of the document bucket files are kept in (see S3DocumentStore). */
const DOCUMENT_AREAS = ['documents/', 'quarantine/'];

/** EraseCase as the caseworker API and the CLI build it: one place, so they cannot differ. */
export function eraseCaseWiring(options: {
  db: DynamoDBDocumentClient;
  table: string;
  s3: S3Client;
  documentBucket: string;
  inboundBucket: string;
}): EraseCase {
  const { db, table, s3, documentBucket, inboundBucket } = options;
  return new EraseCase({
    cases: caseRepository(db, table),
    records: new DynamoDbCaseErasure(db, table),
    triage: new DynamoDbTriageRepository(db, table),
    documentFiles: new S3ObjectEraser(s3, documentBucket, DOCUMENT_AREAS),
    rawMail: new S3ObjectEraser(s3, inboundBucket, [INBOUND_MAIL_PREFIX, PARSED_EMAIL_PREFIX]),
    outbox: new S3ObjectEraser(s3, documentBucket, [SENT_MAIL_PREFIX]),
    rawMailLocation: (id) => [
      { bucket: inboundBucket, key: `${INBOUND_MAIL_PREFIX}${id}` },
      parsedEmailLocation(inboundBucket, id),
    ],
  });
}
