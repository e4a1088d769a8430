import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  PRESIGNED_URL_SECONDS,
  PresignedDocumentHandout,
} from '../../functions/adapters/presigned-document-handout.ts';
import { freePort, s3rverClient, startS3, type RunningEmulator } from '../../local/emulators.ts';

const BUCKET = 'documents-under-test';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('PresignedDocumentHandout', () => {
  let scratch: string;
  let s3: RunningEmulator;
  let client: S3Client;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'presigned-handout-test-'));
    s3 = await startS3(await freePort(), join(scratch, 's3'), [BUCKET]);
    client = s3rverClient(s3.endpoint);
  });
  after(async () => {
    client.destroy();
    await s3.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('redirects to a one-minute presigned URL that returns the bytes under the sender’s file name', async () => {
    // Prepare
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256 * 1024)]);
    const key = `documents/${sha256(pdf)}`;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: pdf }));
    const handout = new PresignedDocumentHandout(client);

    // Act
    const response = await handout.respond({
      location: { bucket: BUCKET, key },
      filename: 'Reisepass Müller.pdf',
      contentType: 'application/pdf',
      disposition: 'attachment',
    });
    const url = new URL(response.headers.get('location') ?? '');
    const download = await fetch(url);
    const bytes = Buffer.from(await download.arrayBuffer());

    // Assess
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(url.searchParams.get('X-Amz-Expires'), String(PRESIGNED_URL_SECONDS));
    assert.equal(PRESIGNED_URL_SECONDS, 60);
    assert.ok(url.searchParams.get('X-Amz-Signature'));
    assert.equal(download.status, 200);
    assert.equal(sha256(bytes), sha256(pdf));
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.equal(
      download.headers.get('content-disposition'),
      `attachment; filename="Reisepass M_ller.pdf"; filename*=UTF-8''Reisepass%20M%C3%BCller.pdf`,
    );
  });

  it('a file not shown inline (a held HTML file) is served as an octet-stream download', async () => {
    // Prepare
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const key = `quarantine/${sha256(bytes)}`;
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ContentType: 'text/html' }),
    );
    const handout = new PresignedDocumentHandout(client);

    // Act
    const response = await handout.respond({
      location: { bucket: BUCKET, key },
      filename: null,
      contentType: 'application/octet-stream',
      disposition: 'attachment',
    });
    const url = new URL(response.headers.get('location') ?? '');
    const download = await fetch(url);
    await download.arrayBuffer();

    // Assess
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/octet-stream');
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="Dokument"/);
  });
});
