import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fileHeaders, type DocumentHandout, type FileToServe } from '../console/document-handout.ts';

/**
 * How long a handed-out link works: long enough for the browser to follow the redirect at once,
 * too short to be worth copying out of the address bar or a proxy's log.
 */
export const PRESIGNED_URL_SECONDS = 60;

/**
 * Hands a file out on Lambda, whose answers stop at 6 MB while emails bring up to 40 MB: a 302 to
 * a presigned S3 GET URL, valid for a minute, signed with the function's own role (which must be
 * allowed s3:GetObject on the key and the bucket key's decrypt). S3 answers with the console's
 * Content-Type and Content-Disposition (the sender's file name, made safe), from its own origin,
 * so nothing served can run in the console's.
 */
export class PresignedDocumentHandout implements DocumentHandout {
  readonly #s3: S3Client;
  readonly #expiresIn: number;

  constructor(s3: S3Client, expiresInSeconds = PRESIGNED_URL_SECONDS) {
    this.#s3 = s3;
    this.#expiresIn = expiresInSeconds;
  }

  async respond(file: FileToServe): Promise<Response> {
    const headers = fileHeaders(file);
    const url = await getSignedUrl(
      this.#s3,
      new GetObjectCommand({
        Bucket: file.location.bucket,
        Key: file.location.key,
        ResponseContentType: headers['Content-Type'],
        ResponseContentDisposition: headers['Content-Disposition'],
        ResponseCacheControl: headers['Cache-Control'],
      }),
      { expiresIn: this.#expiresIn },
    );
    return new Response(null, {
      status: 302,
      headers: {
        Location: url,
        // The link is a credential for a minute: no cache keeps it, no Referer carries it on.
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      },
    });
  }
}
