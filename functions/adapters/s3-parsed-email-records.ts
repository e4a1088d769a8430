import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { ParsedEmailRecords } from '../domain/ports.ts';

/** Prefix of parse records in the inbound bucket, beside `inbound/` where SES keeps the raw MIME. */
export const PARSED_EMAIL_PREFIX = 'parsed/';

/** Where the parse record of an SES message id is, in the bucket of its raw message. */
export function parsedEmailLocation(bucket: string, sesMessageId: string): ObjectLocation {
  return { bucket, key: `${PARSED_EMAIL_PREFIX}${sesMessageId}.json` };
}

/**
 * Parse records as JSON objects in the inbound bucket. The bucket's default encryption (the
 * project's KMS key) and retention apply to them as to the raw message.
 */
export class S3ParsedEmailRecords implements ParsedEmailRecords {
  readonly #s3: S3Client;

  constructor(s3: S3Client) {
    this.#s3 = s3;
  }

  async save(rawMail: ObjectLocation, sesMessageId: string, record: unknown): Promise<ObjectLocation> {
    const location = parsedEmailLocation(rawMail.bucket, sesMessageId);
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        Body: JSON.stringify(record),
        ContentType: 'application/json',
      }),
    );
    return location;
  }

  async load(location: ObjectLocation): Promise<unknown> {
    if (!location.key.startsWith(PARSED_EMAIL_PREFIX)) {
      throw new Error('A parse record is read only from under parsed/');
    }
    const response = await this.#s3.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    if (!response.Body) throw new Error('S3 returned no body for a parse record');
    return JSON.parse(await response.Body.transformToString('utf8')) as unknown;
  }
}
