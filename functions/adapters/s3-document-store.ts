import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { DocumentStore, StagedFile, StorageArea } from '../domain/ports.ts';
import { ContentSniffer } from './content-sniffer.ts';

/**
 * Multipart upload settings. 8 MiB parts, two in flight: at most ~16 MiB of a file is in memory,
 * whatever its size (SES allows 40 MB messages).
 */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/** Prefix where a file waits while it streams in and its hash is not yet known. */
export const STAGING_PREFIX = 'staging/';

/**
 * Files stored in the document bucket by content hash: `documents/<sha256>` for files a
 * caseworker may open, `quarantine/<sha256>` for held ones. The file name the applicant gave is
 * object metadata (URI-encoded, S3 metadata is ASCII), never part of the key.
 */
export class S3DocumentStore implements DocumentStore {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
  }

  async stage(content: Readable): Promise<StagedFile> {
    const key = `${STAGING_PREFIX}${randomUUID()}`;
    const sniffer = new ContentSniffer();
    content.on('error', (error) => sniffer.destroy(error));
    const upload = new Upload({
      client: this.#s3,
      params: { Bucket: this.#bucket, Key: key, Body: content.pipe(sniffer) },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
    });
    await upload.done();
    return { ...(await sniffer.result()), handle: key };
  }

  async keep(
    staged: StagedFile,
    area: StorageArea,
    metadata: { filename: string | null; declaredType: string },
  ): Promise<ObjectLocation> {
    const key = `${area}/${staged.sha256}`;
    await this.#s3.send(
      new CopyObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        CopySource: `${this.#bucket}/${staged.handle}`,
        MetadataDirective: 'REPLACE',
        ContentType:
          area === 'documents' && staged.detectedType !== null
            ? staged.detectedType
            : 'application/octet-stream',
        Metadata: {
          'original-filename': encodeURIComponent(metadata.filename ?? ''),
          'declared-type': encodeURIComponent(metadata.declaredType),
          sha256: staged.sha256,
        },
      }),
    );
    await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: staged.handle }));
    return { bucket: this.#bucket, key };
  }
}
