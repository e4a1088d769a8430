import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { injectFaults } from '../helpers/faults.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { sha256 } from '../helpers/sample-documents.ts';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'documents');

describe('Content recognition (SMTP in → RecognizeDocuments → case)', () => {
  let pipeline: TestPipeline;

  before(async () => {
    pipeline = await startTestPipeline();
  });

  after(async () => {
    await pipeline?.stop();
  });

  it('a payslip named scan0001.pdf lands on its item by its text, and its text stays out of the execution history', async () => {
    // Prepare
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse.scan@example.org'],
    });
    const payslip = readFileSync(join(CORPUS, 'scan0001.pdf'));

    // Act
    const messageId = await pipeline.send({
      from: 'ayse.scan@example.org',
      to: pipeline.intakeAddress,
      subject: reference,
      text: 'Guten Tag, anbei ein Scan.',
      attachments: [{ filename: 'scan0001.pdf', content: payslip, contentType: 'application/pdf' }],
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);

    // Assess: the new step ran and placed the payslip by what it says
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    const events = execution.events as readonly { type: string; state?: { name: string; type: string } }[];
    const entered = events
      .filter((e) => e.type === 'StateEntered' && e.state?.type === 'Task')
      .map((e) => e.state!.name);
    assert.deepEqual(entered.slice(entered.indexOf('RecordDocuments')), [
      'RecordDocuments',
      'RecognizeDocuments',
      'SendQuery',
      'NotifyCaseworker',
      'SendCaseworkerNotification',
    ]);
    const view = (await pipeline.showCase.run(reference))!;
    const [document] = view.documents;
    assert.equal(document?.sha256, sha256(payslip));
    assert.equal(document.checklistItem, 'payslips');
    assert.equal(document.recognition?.status, 'done');
    assert.equal(document.recognition?.method, 'Text: Lohn- und Gehaltsabrechnung');
    assert.ok(document.recognition!.confidence >= 0.75);
    assert.deepEqual(document.recognition?.months, ['2026-09']);
    // One payslip is one month of three.
    const payslips = view.checklist.find((i) => i.id === 'payslips')!;
    assert.deepEqual([payslips.fulfilled, payslips.shortfall], [false, '1 von 3 Monaten']);

    // Assess: what was read is kept with the case (encrypted table), not in the workflow
    const { Item: content } = await pipeline.db.send(
      new GetCommand({
        TableName: pipeline.runtime.description.functionEnvironment.TABLE_NAME!,
        Key: { pk: `CASE#${reference}`, sk: `CONTENT#${sha256(payslip)}` },
      }),
    );
    assert.match(String(content?.text), /Auszahlungsbetrag/);
    const history = JSON.stringify([execution.input, execution.output, execution.events]);
    for (const read of ['Auszahlungsbetrag', 'Gehaltsabrechnung', 'Müller Logistik', '2.174,67', 'Yılmaz']) {
      assert.ok(!history.includes(read), `"${read}" in the execution history`);
    }
  });

  it('a recognition that fails holds nothing: the applicant is told the file is being looked at and asked for nothing, the caseworker is told', async () => {
    // Prepare: the document bucket fails every read of RecognizeDocuments
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse.unread@example.org'],
    });
    await injectFaults(pipeline.runtime, 'RecognizeDocuments', [
      {
        service: 'S3',
        operation: 'GetObject',
        nth: 1,
        times: Number.POSITIVE_INFINITY,
        kind: 'server-error',
      },
    ]);
    const before = (await pipeline.outbox()).length;

    // Act
    const messageId = await pipeline.send({
      from: 'ayse.unread@example.org',
      to: pipeline.intakeAddress,
      subject: reference,
      text: 'Anbei.',
      attachments: [
        {
          filename: 'IMG_20261128_142233.jpg',
          content: readFileSync(join(CORPUS, 'IMG_20261128_142233.jpg')),
        },
      ],
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);
    await injectFaults(pipeline.runtime, 'RecognizeDocuments', []);

    // Assess: not held, the caseworker told, the applicant acknowledged and asked for nothing
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    const output = JSON.parse(execution.output!) as { recognitionError?: unknown; held?: unknown };
    assert.ok(output.recognitionError !== undefined);
    assert.equal(output.held, undefined);
    assert.ok(!(await pipeline.triage.list()).some((entry) => entry.messageId === messageId));
    const sent = (await pipeline.outbox()).slice(before);
    assert.deepEqual(
      sent.map((mail) => mail.to),
      [['ayse.unread@example.org'], ['team@intake.example.org']],
    );
    const [acknowledgement, caseworker] = sent;
    assert.match(
      acknowledgement!.text,
      /Diese Dateien sehen wir uns noch an[^\n]*\n\n- IMG_20261128_142233\.jpg/,
    );
    assert.doesNotMatch(acknowledgement!.text, /Es fehl/, 'nothing the unread file may be is asked for');
    assert.match(caseworker!.text, /Inhalt nicht gelesen/);
    const [document] = (await pipeline.showCase.run(reference))!.documents;
    assert.equal(document?.recognition?.status, 'pending');
  });
});
