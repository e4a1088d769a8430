import { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { RawMailStore } from '../domain/ports.ts';

/** Raw messages as SES stored them in the inbound bucket, read as a stream. */
export class S3RawMailStore implements RawMailStore {
  readonly #s3: S3Client;

  constructor(s3: S3Client) {
    this.#s3 = s3;
  }

  async open(location: ObjectLocation): Promise<Readable> {
    const response = await this.#s3.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    if (!(response.Body instanceof Readable)) {
      throw new Error(`S3 returned no readable body for s3://${location.bucket}/${location.key}`);
    }
    return response.Body;
  }
}
