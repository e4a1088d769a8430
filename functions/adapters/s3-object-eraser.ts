import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { ObjectEraser } from '../domain/erasure.ts';

/**
 * Deletes objects of one bucket under given prefixes only (`documents/` and `quarantine/`,
 * `inbound/`, `outbox/`): a location from a record that names anything else is refused, so a
 * damaged record cannot make erasure delete what it must not.
 */
export class S3ObjectEraser implements ObjectEraser {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #prefixes: readonly string[];

  constructor(s3: S3Client, bucket: string, prefixes: readonly string[]) {
    this.#s3 = s3;
    this.#bucket = bucket;
    this.#prefixes = prefixes;
  }

  async erase(locations: readonly ObjectLocation[]): Promise<void> {
    for (const location of locations) {
      if (location.bucket !== this.#bucket || !this.#prefixes.some((p) => location.key.startsWith(p))) {
        throw new Error(`Refusing to erase an object outside ${this.#prefixes.join(', ')} of its bucket`);
      }
    }
    // DeleteObject succeeds for a key that is not there: a second run is harmless.
    for (const location of locations) {
      await this.#s3.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: location.key }));
    }
  }
}
