import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Prefix of the system's own copies of what it sent (the SES stand-in drops headers; SES keeps nothing). */
export const SENT_MAIL_PREFIX = 'outbox/';

/**
 * The exact raw MIME of every message the system sent, kept for the audit trail and for
 * `intake outbox`. Keys sort by send time: `outbox/<ISO time>-<id>.eml`.
 */
export class S3SentMailArchive {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
  }

  async keep(raw: Buffer, sentAt: Date, id: string): Promise<{ bucket: string; key: string }> {
    const key = `${SENT_MAIL_PREFIX}${sentAt.toISOString()}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
    await this.#s3.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }),
    );
    return { bucket: this.#bucket, key };
  }

  /** Every kept message, oldest first. */
  async *list(): AsyncGenerator<{ key: string; raw: Buffer }> {
    let token: string | undefined;
    do {
      const page = await this.#s3.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: SENT_MAIL_PREFIX,
          ContinuationToken: token,
        }),
      );
      const keys = (page.Contents ?? []).map((o) => o.Key!).sort();
      for (const key of keys) {
        const object = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
        yield { key, raw: Buffer.from(await object.Body!.transformToByteArray()) };
      }
      token = page.NextContinuationToken;
    } while (token !== undefined);
  }
}
