import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCAL_REGION } from '../../local/cloudformation.ts';
import { freePort, S3RVER_CREDENTIALS, startS3, type RunningEmulator } from '../../local/emulators.ts';
import type { FunctionIam } from '../../local/iam-policies.ts';
import { LocalLambda, LocalLambdaError } from '../../local/local-lambda.ts';
import { synthesizeApp, type LocalFunction, type SynthesizedApp } from '../../local/synthesized-app.ts';
import type { ProbeEvent } from '../helpers/s3-probe-handler.ts';

/**
 * The local IAM check end to end: a handler in a Lambda worker, under a role synthesized from the
 * CDK app, against the S3 stand-in through the real SDK. A call outside the role's grant fails
 * with AWS's AccessDenied naming the function, the action and the resource.
 */
const PROBE = new URL('../helpers/s3-probe-handler.ts', import.meta.url).pathname;

describe('local IAM check (synthesized roles, SDK calls in a Lambda worker)', () => {
  let app: SynthesizedApp;
  let s3: RunningEmulator;
  let dataDir: string;
  let documents: string;
  let inbound: string;
  const lambdas: LocalLambda[] = [];

  before(async () => {
    app = await synthesizeApp();
    dataDir = await mkdtemp(join(tmpdir(), 'local-iam-'));
    s3 = await startS3(await freePort(), dataDir, [...app.buckets.values()]);
    const buckets = [...app.functions.values()].map((f) => f.environment);
    documents = buckets.find((e) => e.DOCUMENT_BUCKET)!.DOCUMENT_BUCKET!;
    inbound = buckets.find((e) => e.INBOUND_BUCKET)!.INBOUND_BUCKET!;
  });
  after(async () => {
    await Promise.all(lambdas.map((l) => l.stop()));
    await s3.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const fn = (handlerFile: string): LocalFunction => {
    const found = [...app.functions.values()].find((f) => f.entry.endsWith(`/${handlerFile}.ts`));
    assert.ok(found, `no function with handler ${handlerFile}`);
    return found;
  };
  const probeAs = (name: string, iam: FunctionIam) => {
    const lambda = new LocalLambda(
      name,
      PROBE,
      {
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
      },
      { memorySize: 512, timeoutSeconds: 30 },
      iam,
    );
    lambdas.push(lambda);
    return (event: ProbeEvent) => lambda.invoke(event);
  };
  const denied = async (call: Promise<unknown>, pattern: RegExp): Promise<void> => {
    await assert.rejects(call, (error: unknown) => {
      assert.ok(error instanceof LocalLambdaError);
      assert.equal(error.name, 'AccessDenied');
      assert.match(error.message, pattern);
      return true;
    });
  };

  it('a mailer writes its copy to outbox/ and may not read or overwrite the stored documents', async () => {
    const sendQuery = fn('send-query');
    const probe = probeAs(sendQuery.logicalId, sendQuery.iam);
    assert.deepEqual(await probe({ call: 'put', bucket: documents, key: 'outbox/2026-01-01-x.eml' }), {
      ok: true,
    });
    await denied(
      probe({ call: 'get', bucket: documents, key: 'documents/abc' }),
      new RegExp(
        `${sendQuery.logicalId} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::${documents}/documents/abc`,
      ),
    );
    await denied(
      probe({ call: 'put', bucket: documents, key: 'documents/abc' }),
      new RegExp(`s3:PutObject on resource: arn:aws:s3:::${documents}/documents/abc`),
    );
    await denied(
      probe({ call: 'delete', bucket: documents, key: 'outbox/2026-01-01-x.eml' }),
      /s3:DeleteObject/,
    );
  });

  it('ParseEmail deletes staged files only; RecordDocuments reads no objects', async () => {
    const parseEmail = fn('parse-email');
    const parse = probeAs(parseEmail.logicalId, parseEmail.iam);
    assert.deepEqual(await parse({ call: 'put', bucket: documents, key: 'staging/1' }), { ok: true });
    assert.deepEqual(await parse({ call: 'delete', bucket: documents, key: 'staging/1' }), { ok: true });
    await denied(
      parse({ call: 'delete', bucket: documents, key: 'documents/abc' }),
      new RegExp(`${parseEmail.logicalId} is not authorized to perform: s3:DeleteObject`),
    );
    const recordDocuments = fn('record-documents');
    const record = probeAs(recordDocuments.logicalId, recordDocuments.iam);
    await denied(record({ call: 'get', bucket: documents, key: 'documents/abc' }), /s3:GetObject/);
  });

  it('a missing key is 404 with s3:ListBucket and 403 without it, as on S3', async () => {
    const parseEmail = fn('parse-email');
    const parse = probeAs(parseEmail.logicalId, parseEmail.iam);
    await assert.rejects(parse({ call: 'get', bucket: inbound, key: 'inbound/missing' }), {
      name: 'NoSuchKey',
    });

    const withoutList: FunctionIam = {
      ...parseEmail.iam,
      functionName: 'ReaderWithoutList',
      policies: [
        {
          name: 'ReadOnly',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${inbound}/*` }],
          },
        },
      ],
    };
    const reader = probeAs('ReaderWithoutList', withoutList);
    await denied(
      reader({ call: 'get', bucket: inbound, key: 'inbound/missing' }),
      new RegExp(`s3:ListBucket on resource: arn:aws:s3:::${inbound} `),
    );
  });
});
