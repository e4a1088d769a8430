import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { DocumentReader } from '../domain/ports.ts';

/**
 * Reads stored documents of one bucket under one prefix (`documents/`): recognition reads only
 * files that passed screening, never quarantined ones.
 */
export class S3DocumentReader implements DocumentReader {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(s3: S3Client, bucket: string, prefix: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
    this.#prefix = prefix;
  }

  async read(location: ObjectLocation): Promise<Uint8Array> {
    if (location.bucket !== this.#bucket || !location.key.startsWith(this.#prefix)) {
      throw new Error(`Refusing to read an object outside ${this.#prefix} of the document bucket`);
    }
    const object = await this.#s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    if (object.Body === undefined) throw new Error('The stored document has no body');
    return object.Body.transformToByteArray();
  }
}
