import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { S3DocumentStore, STAGING_PREFIX } from '../../functions/adapters/s3-document-store.ts';
import type { ObjectLocation } from '../../functions/domain/intake-request.ts';
import type { StorageArea } from '../../functions/domain/ports.ts';
import { freePort, s3rverClient, startS3, type RunningEmulator } from '../../local/emulators.ts';

const BUCKET = 'documents-under-test';
const MiB = 1024 * 1024;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Fails the first `times` requests of one command with the given status, as S3 would answer. */
function failing(
  client: S3Client,
  command: string,
  times: number,
  status: number,
  name: string,
): { calls: number } {
  const seen = { calls: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== command) return next(args);
      seen.calls += 1;
      if (seen.calls > times) return next(args);
      throw new S3ServiceException({
        name,
        $fault: status >= 500 ? 'server' : 'client',
        $metadata: { httpStatusCode: status },
      });
    },
    { step: 'finalizeRequest', name: `failing${command}` },
  );
  return seen;
}

/** Stages… then files, as ParseEmail and FileAttachments do one after the other. */
async function keep(
  store: S3DocumentStore,
  staged: Awaited<ReturnType<S3DocumentStore['stage']>>,
  area: StorageArea,
  metadata: { filename: string | null; declaredType: string },
): Promise<ObjectLocation> {
  return store.file(staged.location, area, {
    sha256: staged.sha256,
    detectedType: staged.detectedType,
    ...metadata,
  });
}

describe('S3DocumentStore against s3rver', () => {
  let s3: RunningEmulator;
  let scratch: string;
  const clients: S3Client[] = [];

  const client = (): S3Client => {
    const created = s3rverClient(s3.endpoint);
    clients.push(created);
    return created;
  };
  const read = async (key: string): Promise<Buffer> => {
    const response = await client().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await response.Body!.transformToByteArray());
  };
  const staging = async (): Promise<string[]> => {
    const listed = await client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: STAGING_PREFIX }));
    return (listed.Contents ?? []).map((object) => object.Key!).filter((key) => !key.endsWith('.keep'));
  };

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'document-store-test-'));
    s3 = await startS3(await freePort(), join(scratch, 's3'), [BUCKET]);
    // As in local/runtime.ts: s3rver drops an emptied folder, which an upload into it can trip over.
    await client().send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${STAGING_PREFIX}.keep`, Body: Buffer.alloc(0) }),
    );
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await s3.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('keeps a file larger than a part under its hash, its name as metadata, nothing left in staging', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(9 * MiB)]);
    const store = new S3DocumentStore(client(), BUCKET);

    const staged = await store.stage(Readable.from([pdf.subarray(0, 100_000), pdf.subarray(100_000)]));
    const location = await keep(store, staged, 'documents', {
      filename: 'Reisepass Ayşe (Kopie).pdf',
      declaredType: 'application/octet-stream',
    });

    assert.deepEqual(
      { sha256: staged.sha256, size: staged.size, detectedType: staged.detectedType },
      { sha256: sha256(pdf), size: pdf.length, detectedType: 'application/pdf' },
    );
    assert.deepEqual(location, { bucket: BUCKET, key: `documents/${sha256(pdf)}` });
    assert.equal(sha256(await read(location.key)), sha256(pdf));
    const head = await client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: location.key }));
    assert.equal(head.ContentType, 'application/pdf');
    assert.deepEqual(head.Metadata, {
      'original-filename': encodeURIComponent('Reisepass Ayşe (Kopie).pdf'),
      'declared-type': encodeURIComponent('application/octet-stream'),
      sha256: sha256(pdf),
    });
    assert.deepEqual(await staging(), []);
  });

  it('keeps a held file under quarantine/ as an opaque type, and an empty file as zero bytes', async () => {
    const store = new S3DocumentStore(client(), BUCKET);
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(5000)]);

    const held = await keep(store, await store.stage(Readable.from([exe])), 'quarantine', {
      filename: 'rechnung.pdf.exe',
      declaredType: 'application/pdf',
    });
    const empty = await keep(store, await store.stage(Readable.from([])), 'quarantine', {
      filename: 'leer.pdf',
      declaredType: 'application/pdf',
    });

    assert.equal(held.key, `quarantine/${sha256(exe)}`);
    const head = await client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: held.key }));
    assert.equal(head.ContentType, 'application/octet-stream');
    assert.equal(sha256(await read(held.key)), sha256(exe));
    assert.equal(empty.key, `quarantine/${sha256(Buffer.alloc(0))}`);
    assert.equal((await read(empty.key)).length, 0);
    assert.deepEqual(await staging(), []);
  });

  it('a staged file stays in staging until filed; filing it again (a replay) moves nothing twice', async () => {
    const store = new S3DocumentStore(client(), BUCKET);
    const pdf = Buffer.from('%PDF-1.4\nreplayed');

    const staged = await store.stage(Readable.from([pdf]));
    const waiting = await staging();
    const facts = {
      sha256: staged.sha256,
      filename: 'Pass.pdf',
      declaredType: 'application/pdf',
      detectedType: staged.detectedType,
    };
    const first = await store.file(staged.location, 'documents', facts);
    const again = await store.file(staged.location, 'documents', facts);

    assert.deepEqual(waiting, [staged.location.key]);
    assert.deepEqual(again, first);
    assert.equal(sha256(await read(first.key)), sha256(pdf));
    assert.deepEqual(await staging(), []);
  });

  it('filing a staged file that is neither in staging nor filed fails instead of reporting it filed', async () => {
    const store = new S3DocumentStore(client(), BUCKET);

    await assert.rejects(
      store.file({ bucket: BUCKET, key: `${STAGING_PREFIX}gone` }, 'documents', {
        sha256: 'f'.repeat(64),
        filename: null,
        declaredType: 'application/pdf',
        detectedType: 'application/pdf',
      }),
    );
  });

  it('a part that fails with a 500 is sent again, and the file arrives whole', async () => {
    const s3Client = client();
    const faults = failing(s3Client, 'UploadPartCommand', 1, 500, 'InternalError');
    const store = new S3DocumentStore(s3Client, BUCKET);
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(9 * MiB)]);

    const location = await keep(store, await store.stage(Readable.from([bytes])), 'documents', {
      filename: 'Mietvertrag.pdf',
      declaredType: 'application/pdf',
    });

    assert.equal(faults.calls, 3, 'two parts, the first one twice');
    assert.equal(sha256(await read(location.key)), sha256(bytes));
  });

  it('a refusal fails the file instead of reporting it stored', async () => {
    const s3Client = client();
    const refusal = failing(s3Client, 'PutObjectCommand', 1, 403, 'AccessDenied');
    const store = new S3DocumentStore(s3Client, BUCKET);

    await assert.rejects(store.stage(Readable.from([Buffer.from('%PDF-1.4\nsmall')])), {
      name: 'AccessDenied',
    });
    assert.equal(refusal.calls, 1);
  });

  it('a stream that fails while staging rejects the file', async () => {
    const store = new S3DocumentStore(client(), BUCKET);
    let sent = false;
    const broken = new Readable({
      read() {
        if (sent) this.destroy(new Error('connection reset'));
        else this.push(randomBytes(1000));
        sent = true;
      },
    });

    await assert.rejects(store.stage(broken), /connection reset/);
  });
});
