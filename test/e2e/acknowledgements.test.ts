import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SFNClient } from '@aws-sdk/client-sfn';
import { caseUseCases } from '../../cli/case-commands.ts';
import type { Target } from '../../cli/target.ts';
import { startTestPipeline, type SentEmail, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf } from '../helpers/sample-documents.ts';

/**
 * What the applicant and the caseworker hear about a submission: one acknowledgement (with what
 * could not be accepted, in plain words), one caseworker email however often the same file comes.
 */
describe('Acknowledgements and caseworker emails (SMTP in → outbox out)', () => {
  let pipeline: TestPipeline;
  let sfn: SFNClient;
  /** What `intake case …` and `intake triage assign` do, against this pipeline. */
  let cli: ReturnType<typeof caseUseCases>;

  before(async () => {
    pipeline = await startTestPipeline();
    const { runtime } = pipeline;
    sfn = new SFNClient({
      endpoint: runtime.endpoints.stepFunctions,
      region: runtime.description.region,
      credentials: runtime.description.credentials,
    });
    const machine = (prefix: string) =>
      Object.entries(runtime.description.stateMachines).find(([id]) => id.startsWith(prefix))![1];
    const target: Target = {
      s3: runtime.s3,
      db: pipeline.db,
      tableName: runtime.description.functionEnvironment.TABLE_NAME!,
      documentBucket: pipeline.bucket('DOCUMENT_BUCKET'),
      inboundBucket: pipeline.bucket('INBOUND_BUCKET'),
      stepFunctions: sfn,
      decisionStateMachineArn: machine('DecisionWorkflow'),
      intakeStateMachineArn: machine('IntakeWorkflow'),
    };
    cli = caseUseCases(target);
  });

  after(async () => {
    sfn?.destroy();
    await pipeline?.stop();
  });

  /** Waits for the DecisionWorkflow run of an applicant notice and the email it sent. */
  async function noticeSent(decisionId: string): Promise<void> {
    const execution = await pipeline.runtime.waitForExecution(decisionId);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
  }

  it('opening a case sends the applicant the checklist of the request type and the address to send to', async () => {
    const before = (await pipeline.outbox()).length;
    const { reference } = await cli.openCase.run({
      applicantName: 'New Applicant',
      contacts: ['new.applicant@example.org'],
      language: 'en',
      requestType: 'settlement-permit',
    });
    await noticeSent(`${reference}-welcome`);
    const [welcome, ...more] = await sentSince(before);
    assert.equal(more.length, 0);
    assert.deepEqual(welcome!.to, ['new.applicant@example.org']);
    assert.equal(
      welcome!.subject,
      `[${reference}] Ihr Antrag: diese Unterlagen brauchen wir / Your application: the documents we need`,
    );
    assert.match(welcome!.text, /Niederlassungserlaubnis/);
    assert.match(welcome!.text, new RegExp(`per E-Mail an ${pipeline.intakeAddress.replace('.', '\\.')}`));
    assert.match(welcome!.text, /- Gültiger Reisepass/);

    // An import tells no one unless the office asks for it.
    const imported = await cli.importCases.run([
      {
        line: 2,
        request: {
          reference: 'ABH-2026-009901',
          applicantName: 'Imported',
          contacts: ['imported@example.org'],
        },
      },
    ]);
    assert.deepEqual(imported.created, ['ABH-2026-009901']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await sentSince(before + 1)).length, 0);
  });

  it('a triaged email assigned by a caseworker gets the acknowledgement it would have got had it matched, at the registered address', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Assigned',
      contacts: ['assigned@example.org'],
    });
    const messageId = await pipeline.send({
      from: 'relative@example.net',
      to: pipeline.intakeAddress,
      subject: 'Unterlagen für meine Schwester',
      text: 'Anbei ihr Pass.',
      attachments: [
        { filename: 'Reisepass.pdf', content: samplePdf('Reisepass'), contentType: 'application/pdf' },
        { filename: 'Fotos.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512)]) },
      ],
    });
    await pipeline.runtime.waitForExecution(messageId);
    const before = (await pipeline.outbox()).length;

    await cli.assignFromTriage.run(messageId, reference, { addContact: false });
    await noticeSent(`${reference}-acknowledgement-${messageId}`);

    const [ack, ...more] = await sentSince(before);
    assert.equal(more.length, 0);
    assert.deepEqual(ack!.to, ['assigned@example.org'], 'never to the unregistered sender');
    assert.equal(ack!.subject, `[${reference}] Eingangsbestätigung`);
    assert.match(ack!.text, /- Reisepass\.pdf: Gültiger Reisepass/);
    assert.match(ack!.text, /- Fotos\.exe: Die Datei ist ein Programm, kein Dokument\./);
    assert.match(ack!.text, /Es fehlen noch folgende \d+ Unterlagen:/);
  });

  async function sentSince(count: number): Promise<SentEmail[]> {
    return (await pipeline.outbox()).slice(count);
  }

  it('a submission with a file it cannot accept and items missing gets one email saying all of it', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'John Smith',
      contacts: ['john.ack@example.com'],
      language: 'en',
    });
    const before = (await pipeline.outbox()).length;

    const messageId = await pipeline.send({
      from: 'john.ack@example.com',
      to: pipeline.intakeAddress,
      subject: `Documents ${reference}`,
      text: 'Passport and a program.',
      attachments: [
        { filename: 'Reisepass.pdf', content: samplePdf('Reisepass'), contentType: 'application/pdf' },
        { filename: 'setup.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512)]) },
      ],
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);

    const applicant = (await sentSince(before)).filter((e) => e.to.includes('john.ack@example.com'));
    assert.equal(applicant.length, 1, 'one email: the acknowledgement is the query');
    const [ack] = applicant as [SentEmail];
    assert.equal(ack.subject, `[${reference}] Eingangsbestätigung / Confirmation of receipt`);
    assert.match(ack.text, /- Reisepass\.pdf: Gültiger Reisepass/);
    assert.match(ack.text, /- setup\.exe: Die Datei ist ein Programm, kein Dokument\./);
    assert.match(ack.text, /- setup\.exe: The file is a program, not a document\./);
    assert.match(ack.text, /Es fehlen noch folgende \d+ Unterlagen:\n\n- Aktueller Aufenthaltstitel/);
    assert.match(ack.text, /We still need the following \d+ documents:\n\n- Current residence permit card/);
    assert.doesNotMatch(ack.text, /executable|type-mismatch/);
    assert.match(ack.html, /<li><bdi>setup\.exe<\/bdi>: <bdi>The file is a program/);
  });

  it('40 emails with the same attachment: one acknowledgement, one caseworker email, every copy on the case log', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Repeat',
      contacts: ['repeat@example.org'],
      caseworker: 'team.repeat@intake.example.org',
    });
    const before = (await pipeline.outbox()).length;
    const passport = samplePdf('Reisepass');

    const ids: string[] = [];
    for (let n = 0; n < 40; n += 1) {
      ids.push(
        await pipeline.send({
          from: 'repeat@example.org',
          to: pipeline.intakeAddress,
          subject: reference,
          text: `Reisepass, Versuch ${n + 1}`,
          attachments: [{ filename: 'Reisepass.pdf', content: passport, contentType: 'application/pdf' }],
        }),
      );
    }
    for (const id of ids) {
      const execution = await pipeline.runtime.waitForExecution(id, 120_000);
      assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    }

    const sent = await sentSince(before);
    const toCaseworker = sent.filter((e) => e.to.includes('team.repeat@intake.example.org'));
    assert.equal(toCaseworker.length, 1);
    assert.match(toCaseworker[0]!.subject, /Neue Unterlagen eingegangen/);
    assert.match(toCaseworker[0]!.text, /Reisepass\.pdf → Gültiger Reisepass/);
    assert.equal(sent.filter((e) => e.to.includes('repeat@example.org')).length, 1);
    const log = (await pipeline.showCase.run(reference))!.log.filter((entry) => entry.direction === 'in');
    assert.equal(log.length, 40, 'every copy is on the case log');
    assert.equal(log.filter((entry) => /Duplikat, nicht gemeldet/.test(entry.note)).length, 39);
  });
});
