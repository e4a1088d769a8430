import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { caseEraseCommand } from '../../cli/erase-command.ts';
import type { Target } from '../../cli/target.ts';
import { writeRuntimeDescription } from '../../local/runtime.ts';
import { INBOUND_MAIL_PREFIX as STACK_INBOUND_PREFIX } from '../../lib/stateful-stack.ts';
import { INBOUND_MAIL_PREFIX } from '../../functions/shared/erasure-wiring.ts';
import { inboundEmail, storedAttachment } from '../helpers/inbound-email.ts';
import { CaseExistsError } from '../../functions/use-cases/open-case.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf, sha256 } from '../helpers/sample-documents.ts';

const run = promisify(execFile);

/**
 * Erasure on request (GDPR Art. 17) through the whole local pipeline: real emails with documents
 * go in, then the CLI and the caseworker API's Lambda (with exactly its CDK environment) erase.
 */
describe('Erasing a case on request', () => {
  let pipeline: TestPipeline;
  let target: Target;
  let dataDir: string;
  let removeDescription: () => Promise<void>;
  let anna: { reference: string; messageId: string; outbox: string[] };
  let ben: { reference: string; messageId: string };
  const own = samplePdf('Reisepass Anna');
  const shared = samplePdf('Mietvertrag gemeinsam');
  const documents = () => pipeline.bucket('DOCUMENT_BUCKET');
  const inbound = () => pipeline.bucket('INBOUND_BUCKET');
  const exists = async (bucket: string, key: string) => (await pipeline.listKeys(bucket, key)).includes(key);

  before(async () => {
    pipeline = await startTestPipeline();
    target = {
      s3: pipeline.runtime.s3,
      db: pipeline.db,
      tableName: pipeline.runtime.description.functionEnvironment.TABLE_NAME!,
      documentBucket: documents(),
      inboundBucket: inbound(),
      stepFunctions: new SFNClient({}),
      decisionStateMachineArn: null,
      intakeStateMachineArn: null,
    };
    dataDir = await mkdtemp(join(tmpdir(), 'intake-erasure-cli-'));
    removeDescription = await writeRuntimeDescription(
      join(dataDir, 'runtime.json'),
      pipeline.runtime.description,
    );

    const sendWithDocuments = async (reference: string, from: string, files: Buffer[]) => {
      const messageId = await pipeline.send({
        from,
        to: pipeline.intakeAddress,
        subject: `Unterlagen ${reference}`,
        text: 'Anbei.',
        attachments: files.map((content, i) => ({
          filename: `Datei ${i}.pdf`,
          content,
          contentType: 'application/pdf',
        })),
      });
      const execution = await pipeline.runtime.waitForExecution(messageId);
      assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
      return messageId;
    };
    const a = await pipeline.openCase.run({ applicantName: 'Anna Muster', contacts: ['anna@example.org'] });
    const b = await pipeline.openCase.run({ applicantName: 'Ben Muster', contacts: ['ben@example.org'] });
    const annaMessage = await sendWithDocuments(a.reference, 'anna@example.org', [own, shared]);
    const benMessage = await sendWithDocuments(b.reference, 'ben@example.org', [shared]);
    const annaLog = await pipeline.cases.log(a.reference);
    anna = {
      reference: a.reference,
      messageId: annaMessage,
      outbox: annaLog.flatMap((e) => (e.direction === 'out' && e.raw ? [e.raw.key] : [])),
    };
    ben = { reference: b.reference, messageId: benMessage };
  });

  after(async () => {
    await removeDescription?.();
    await rm(dataDir, { recursive: true, force: true });
    await pipeline?.stop();
  });

  it('intake case erase deletes the case, its own files, raw emails, sent copies and triage entries; leaves a tombstone', async () => {
    // Prepare: what the pipeline kept, checked so the assertions below can fail
    assert.ok(anna.outbox.length > 0, 'the pipeline sent Anna at least one email');
    for (const key of anna.outbox) assert.ok(await exists(documents(), key), key);
    assert.ok(await exists(inbound(), `inbound/${anna.messageId}`));
    assert.ok(await exists(inbound(), `parsed/${anna.messageId}.json`));
    assert.ok(await exists(documents(), `documents/${sha256(own)}`));
    // A waiting email from Anna's address, with a file, and one from a stranger.
    const fromAnna = inboundEmail({
      from: 'anna@example.org',
      attachments: [
        {
          ...storedAttachment(sha256(own), 'Pass.pdf'),
          location: { bucket: documents(), key: `documents/${sha256(own)}` },
        },
      ],
    });
    const fromStranger = inboundEmail({ from: 'stranger@example.net' });
    await pipeline.triage.add({
      messageId: fromAnna.messageId,
      reason: 'no-match',
      receivedAt: fromAnna.receivedAt,
      suggestedCases: [],
      detail: null,
      email: fromAnna,
    });
    await pipeline.triage.add({
      messageId: fromStranger.messageId,
      reason: 'no-match',
      receivedAt: fromStranger.receivedAt,
      suggestedCases: [],
      detail: null,
      email: fromStranger,
    });
    // A rate-limit record keyed by the case (SendQuery's).
    await pipeline.db.send(
      new PutCommand({
        TableName: target.tableName,
        Item: { pk: `RATE#query#${anna.reference}`, sk: 'RATE', until: 1, expiresAt: 2 },
      }),
    );

    // Act
    const lines: string[] = [];
    const code = await caseEraseCommand(
      target,
      anna.reference,
      { yes: true, caseworker: 'maria.keller', ask: null },
      (line) => lines.push(line),
    );

    // Assess: what the CLI printed
    assert.equal(code, 0);
    assert.match(
      lines[0]!,
      new RegExp(`^Case ${anna.reference} was erased on request at .+ by maria\\.keller\\.$`),
    );
    // Assess: the case and its records are gone, the reference is not
    assert.equal(await pipeline.cases.get(anna.reference), null);
    assert.deepEqual(await pipeline.cases.documents(anna.reference), []);
    assert.deepEqual(await pipeline.cases.log(anna.reference), []);
    assert.deepEqual(await pipeline.cases.casesByContact('anna@example.org'), []);
    await assert.rejects(
      pipeline.openCase.run({
        applicantName: 'Someone Else',
        contacts: ['else@example.org'],
        reference: anna.reference,
      }),
      CaseExistsError,
      'the erased reference is never given out again',
    );
    // Assess: files, raw email, sent copies, triage entry, rate-limit record
    assert.equal(await exists(documents(), `documents/${sha256(own)}`), false);
    assert.equal(await exists(documents(), `documents/${sha256(shared)}`), true, 'Ben still holds it');
    assert.equal(await exists(inbound(), `inbound/${anna.messageId}`), false);
    assert.equal(await exists(inbound(), `parsed/${anna.messageId}.json`), false);
    for (const key of anna.outbox) assert.equal(await exists(documents(), key), false, key);
    assert.equal(await pipeline.triage.get(fromAnna.messageId), null);
    assert.notEqual(await pipeline.triage.get(fromStranger.messageId), null);
    const rate = await pipeline.db.send(
      new GetCommand({
        TableName: target.tableName,
        Key: { pk: `RATE#query#${anna.reference}`, sk: 'RATE' },
      }),
    );
    assert.equal(rate.Item, undefined);
    // Assess: the tombstone says what, when and by whom, and nothing personal
    const tombstone = (
      await pipeline.db.send(
        new GetCommand({ TableName: target.tableName, Key: { pk: `CASE#${anna.reference}`, sk: 'CASE' } }),
      )
    ).Item!;
    assert.equal(tombstone.type, 'erased');
    assert.equal(tombstone.erasedBy, 'maria.keller');
    assert.ok(Date.now() - Date.parse(String(tombstone.erasedAt)) < 60_000);
    assert.deepEqual(tombstone.erased, {
      contacts: 1,
      documents: 2,
      documentFiles: 1,
      sharedDocumentFilesKept: 1,
      rawEmails: 2,
      outboxCopies: anna.outbox.length,
      logEntries: 1 + anna.outbox.length,
      triageEntries: 1,
      rateLimitRecords: 1,
      otherRecords: (tombstone.erased as { otherRecords: number }).otherRecords,
    });
    const text = JSON.stringify(tombstone);
    for (const personal of ['Anna', 'anna@example.org', 'Datei', 'Unterlagen']) {
      assert.ok(!text.includes(personal), personal);
    }
    // Assess: the other case is intact
    const other = (await pipeline.showCase.run(ben.reference))!;
    assert.deepEqual(
      other.documents.map((d) => d.sha256),
      [sha256(shared)],
    );
    assert.ok(await exists(inbound(), `inbound/${ben.messageId}`));
  });

  it('intake case show says the case was erased, by whom and when', async () => {
    const cli = await run(
      join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'node'),
      [
        '--openssl-legacy-provider',
        join(import.meta.dirname, '..', '..', 'cli', 'intake.ts'),
        'case',
        'show',
        anna.reference,
      ],
      { env: { ...process.env, INTAKE_DATA_DIR: dataDir } },
    ).then(
      () => assert.fail('case show of an erased case exits with 1'),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(cli.code, 1);
    assert.match(
      cli.stdout,
      new RegExp(`Case ${anna.reference} was erased on request at .+ by maria\\.keller\\.`),
    );
    assert.match(cli.stdout, /1 +document file\(s\)/);
  });

  it('DELETE /cases/{reference} on the caseworker API erases as the calling principal; then GET answers 410', async () => {
    const api = [...pipeline.runtime.lambdas].find(([id]) => id.startsWith('CaseworkerApi'))![1];
    const principal = 'arn:aws:iam::000000000000:user/maria.keller';
    const call = async (method: string, reference: string) =>
      (await api.invoke({
        httpMethod: method,
        path: `/cases/${reference}`,
        resource: '/cases/{reference}',
        pathParameters: { reference },
        headers: {},
        multiValueHeaders: {},
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        stageVariables: null,
        isBase64Encoded: false,
        body: null,
        requestContext: { requestId: 'erasure-test', identity: { userArn: principal } },
      })) as { statusCode: number; body: string };

    const erased = await call('DELETE', ben.reference);
    assert.equal(erased.statusCode, 200, erased.body);
    const body = JSON.parse(erased.body) as { outcome: string; tombstone: Record<string, unknown> };
    assert.equal(body.outcome, 'erased');
    assert.equal(body.tombstone.erasedBy, principal);
    // Nobody holds the formerly shared file any more: now it goes too.
    assert.equal(await exists(documents(), `documents/${sha256(shared)}`), false);
    assert.equal(await exists(inbound(), `inbound/${ben.messageId}`), false);

    const shown = await call('GET', ben.reference);
    assert.equal(shown.statusCode, 410);
    assert.equal(
      (JSON.parse(shown.body) as { tombstone: { erasedBy: string } }).tombstone.erasedBy,
      principal,
    );
    const again = await call('DELETE', ben.reference);
    assert.equal(again.statusCode, 200);
    assert.equal((JSON.parse(again.body) as { outcome: string }).outcome, 'already-erased');
    assert.equal((await call('DELETE', 'ABH-2026-999999')).statusCode, 404);
  });

  it('knows raw emails where the receipt rule puts them', () => {
    assert.equal(INBOUND_MAIL_PREFIX, STACK_INBOUND_PREFIX);
  });
});
