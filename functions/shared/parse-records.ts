import { s3 } from '#clients/s3';
import { requireEnv } from '#shared/env';
import { S3ParsedEmailRecords } from '#adapters/s3-parsed-email-records';
import { parsedEmailRecordSchema, type ParsedEmailRecord } from '#events/workflow-state';

const records = new S3ParsedEmailRecords(s3);
const inboundBucket = requireEnv('INBOUND_BUCKET');

/** The parse record a workflow step's state points to (`$.parsed.record`). */
export async function loadParsedEmail(location: {
  readonly bucket: string;
  readonly key: string;
}): Promise<ParsedEmailRecord> {
  // State names the record; a record anywhere else is not one ParseEmail wrote.
  if (location.bucket !== inboundBucket)
    throw new Error('A parse record is read only from the inbound bucket');
  return parsedEmailRecordSchema.parse(await records.load(location));
}
