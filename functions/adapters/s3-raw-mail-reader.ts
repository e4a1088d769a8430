import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { simpleParser } from 'mailparser';
import type { Readable } from 'node:stream';
import type { ObjectLocation } from '../domain/intake-request.ts';

/** Larger originals are not parsed for reading in the page; the .eml download still has them. */
export const MAX_READABLE_MAIL_BYTES = 10 * 1024 * 1024;

/**
 * Reads a stored email (received raw, or our archived sent copy) for a person: its text (or the
 * HTML body's text) and the names of its files. The text is shown safely by the console.
 */
export class S3RawMailReader {
  readonly #s3: S3Client;

  constructor(s3: S3Client) {
    this.#s3 = s3;
  }

  async readText(location: ObjectLocation): Promise<{ text: string; attachments: string[] } | null> {
    let object;
    try {
      object = await this.#s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'AccessDenied'))
        return null;
      throw error;
    }
    if ((object.ContentLength ?? 0) > MAX_READABLE_MAIL_BYTES) {
      (object.Body as Readable).destroy();
      return {
        text: '(Die E-Mail ist zu groß, um sie hier zu lesen; bitte das Original herunterladen.)',
        attachments: [],
      };
    }
    const parsed = await simpleParser(object.Body as Readable, {
      skipImageLinks: true,
      skipTextToHtml: true,
    });
    return {
      text: parsed.text ?? '',
      attachments: parsed.attachments.map((a) => a.filename ?? '(ohne Namen)'),
    };
  }
}
