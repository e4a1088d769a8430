import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { DocumentStore, FilingFacts, StagedFile, StagedFiles, StorageArea } from '../domain/ports.ts';
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
 * Files stored in the document bucket. Each streams into `staging/<uuid>` first and waits there
 * while it is scanned for malware and the email is screened; then it is filed by content hash:
 * `documents/<sha256>` for files a caseworker may open, `quarantine/<sha256>` for held ones. The
 * file name the applicant gave is object metadata (URI-encoded, S3 metadata is ASCII), never part
 * of the key.
 */
export class S3DocumentStore implements DocumentStore, StagedFiles {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
  }

  async stage(content: Readable): Promise<StagedFile & { location: ObjectLocation }> {
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
    return { ...(await sniffer.result()), handle: key, location: { bucket: this.#bucket, key } };
  }

  async file(staged: ObjectLocation, area: StorageArea, facts: FilingFacts): Promise<ObjectLocation> {
    const key = `${area}/${facts.sha256}`;
    try {
      // The copy keeps the object's tags (TaggingDirective COPY): the malware scan's result
      // travels with the file, and the bucket policy hands out documents by it.
      await this.#s3.send(
        new CopyObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          CopySource: `${this.#bucket}/${staged.key}`,
          MetadataDirective: 'REPLACE',
          ContentType:
            area === 'documents' && facts.detectedType !== null
              ? facts.detectedType
              : 'application/octet-stream',
          Metadata: {
            'original-filename': encodeURIComponent(facts.filename ?? ''),
            'declared-type': encodeURIComponent(facts.declaredType),
            sha256: facts.sha256,
          },
        }),
      );
    } catch (error) {
      // A replay after the move: the staged copy is gone and the file is where it belongs.
      if (!isNotFound(error) || !(await this.#exists(key))) throw error;
      return { bucket: this.#bucket, key };
    }
    await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: staged.key }));
    return { bucket: this.#bucket, key };
  }

  async #exists(key: string): Promise<boolean> {
    try {
      await this.#s3.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}
