import { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { fileHeaders, type DocumentHandout, type FileToServe } from '../console/document-handout.ts';

/**
 * Serves a file's bytes as stored, streamed from S3 (the local stand-in). Fit where responses
 * have no size limit; on Lambda a presigned redirect takes its place.
 */
export class S3DocumentHandout implements DocumentHandout {
  readonly #s3: S3Client;

  constructor(s3: S3Client) {
    this.#s3 = s3;
  }

  async respond(file: FileToServe): Promise<Response> {
    const object = await this.#s3.send(
      new GetObjectCommand({ Bucket: file.location.bucket, Key: file.location.key }),
    );
    const body = Readable.toWeb(object.Body as Readable) as ReadableStream<Uint8Array>;
    return new Response(body, {
      status: 200,
      headers: {
        ...fileHeaders(file),
        ...(object.ContentLength === undefined ? {} : { 'Content-Length': String(object.ContentLength) }),
      },
    });
  }
}
