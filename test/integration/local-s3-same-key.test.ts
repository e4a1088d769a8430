import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { freePort, s3rverClient, startS3, type RunningEmulator } from '../../local/emulators.ts';

/**
 * S3 takes concurrent writes to one key (the last one wins). The local S3 must as well: forty
 * copies of one attachment filed at once under its hash made s3rver answer InternalError, and the
 * messages were held for a person although nothing was wrong with them.
 */
describe('the local S3 under concurrent writes to one key', () => {
  let directory: string;
  let s3: RunningEmulator;
  let client: S3Client;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'intake-s3-same-key-'));
    s3 = await startS3(await freePort(), directory, ['docs']);
    client = s3rverClient(s3.endpoint);
  });

  after(async () => {
    client?.destroy();
    await s3?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('a hundred copies to the same key at once all succeed, and the object is whole', async () => {
    const content = Buffer.alloc(1024 * 1024, 7);
    const sources = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const key = `staging/${index}`;
        await client.send(new PutObjectCommand({ Bucket: 'docs', Key: key, Body: content }));
        return key;
      }),
    );

    const results = await Promise.allSettled(
      sources.map((key, index) =>
        client.send(
          new CopyObjectCommand({
            Bucket: 'docs',
            Key: 'documents/same',
            CopySource: `docs/${key}`,
            MetadataDirective: 'REPLACE',
            Metadata: { 'original-filename': `copy-${index}.pdf` },
          }),
        ),
      ),
    );

    const failed = results.filter((result) => result.status === 'rejected');
    assert.equal(failed.length, 0, `copies failed: ${failed.map((f) => String(f.reason)).join('; ')}`);
    const stored = await client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'documents/same' }));
    assert.deepEqual(Buffer.from(await stored.Body!.transformToByteArray()), content);
    assert.match(stored.Metadata?.['original-filename'] ?? '', /^copy-\d+\.pdf$/);
  });

  it('forty puts to the same key at once all succeed, and the object is one of them, whole', async () => {
    const bodies = Array.from({ length: 40 }, (_, index) => Buffer.alloc(64 * 1024, index));
    const results = await Promise.allSettled(
      bodies.map((body) =>
        client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'documents/put', Body: body })),
      ),
    );
    assert.equal(results.filter((result) => result.status === 'rejected').length, 0);
    const stored = Buffer.from(
      await (
        await client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'documents/put' }))
      ).Body!.transformToByteArray(),
    );
    assert.ok(
      bodies.some((body) => body.equals(stored)),
      'the stored object is one of the bodies put',
    );
  });
});
