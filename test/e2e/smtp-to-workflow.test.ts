import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf, sha256 } from '../helpers/sample-documents.ts';

/**
 * Names of the Task states an execution entered, in order. ScanAttachments asks again until the
 * scanner has tagged every file (how often depends on the machine's speed): counted once.
 */
function tasksEntered(events: readonly { type: string; state?: { name: string; type: string } }[]): string[] {
  return events
    .filter((e) => e.type === 'StateEntered' && e.state?.type === 'Task')
    .map((e) => e.state!.name)
    .filter((name, i, names) => !(name === 'ScanAttachments' && names[i - 1] === name));
}

describe('SMTP in → IntakeWorkflow (the state machine the CDK app synthesizes)', () => {
  let pipeline: TestPipeline;

  before(async () => {
    pipeline = await startTestPipeline({
      verdictsFor: (sender) =>
        sender.startsWith('spoofer@')
          ? { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL', dmarcPolicy: 'reject' }
          : sender.startsWith('infected@')
            ? { virus: 'FAIL' }
            : {},
    });
  });

  after(async () => {
    await pipeline?.stop();
  });

  it('stores the raw message in the inbound bucket and runs the workflow to its end with it as input', async () => {
    // Prepare
    const pdf = samplePdf('Reisepass Ayşe Yılmaz');

    // Act
    const messageId = await pipeline.send({
      from: 'Ayşe Yılmaz <ayse.yilmaz@example.org>',
      to: pipeline.intakeAddress,
      subject: 'Unterlagen zu ABH-2026-004711',
      text: 'Guten Tag, anbei mein Reisepass.',
      attachments: [{ filename: 'Reisepass.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);

    // Assess: the raw message is where the receipt rule's S3 action puts it
    const inbound = pipeline.bucket('INBOUND_BUCKET');
    const raw = await pipeline.readObject(inbound, `inbound/${messageId}`);
    const stored = await simpleParser(raw);
    assert.equal(stored.subject, 'Unterlagen zu ABH-2026-004711');
    assert.equal(sha256(stored.attachments[0]!.content), sha256(pdf));

    // Assess: one execution, named after the SES message id, with the notification's facts as input
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    const input = JSON.parse(execution.input) as Record<string, unknown>;
    assert.equal(input.messageId, messageId);
    assert.deepEqual(input.rawMail, { bucket: inbound, key: `inbound/${messageId}` });
    assert.deepEqual(input.recipients, [pipeline.intakeAddress]);
    // The envelope sender's kind only: its address is personal data and history keeps input for 90 days.
    assert.equal(input.envelopeSender, 'other');
    assert.equal(JSON.stringify(input).includes('ayse.yilmaz'), false);
    assert.equal((input.verdicts as Record<string, string>).dmarc, 'PASS');

    // Assess: it ran the synthesized steps, bound to the real handlers, to its end
    assert.deepEqual(tasksEntered(execution.events), [
      'ParseEmail',
      'ScanAttachments',
      'ScreenEmail',
      'FileAttachments',
      'MatchCase',
      'SendTriageReply',
    ]);
    const output = JSON.parse(execution.output!) as {
      parsed: {
        caseReference: string;
        attachments: { sha256: string; accepted: boolean; location: { key: string } }[];
      };
      screening: { outcome: string; senderVerified: boolean };
      match: { outcome: string; reason: string; suggestedCases: string[] };
    };
    assert.equal(output.parsed.caseReference, 'ABH-2026-004711');
    assert.equal(output.parsed.attachments.length, 1);
    assert.equal(output.parsed.attachments[0]!.sha256, sha256(pdf));
    assert.equal(output.parsed.attachments[0]!.accepted, true);
    assert.deepEqual(output.screening, {
      outcome: 'Proceed',
      senderVerified: true,
      heldAttachments: 0,
      autoReplyAllowed: true,
    });
    assert.deepEqual(output.match, { outcome: 'Triage', reason: 'unknown-reference', suggestedCases: [] });

    // Assess: the attachment is stored by content hash, its bytes intact
    const documents = pipeline.bucket('DOCUMENT_BUCKET');
    assert.equal(output.parsed.attachments[0]!.location.key, `documents/${sha256(pdf)}`);
    assert.equal(sha256(await pipeline.readObject(documents, `documents/${sha256(pdf)}`)), sha256(pdf));
    // Nothing is left in staging but the local runtime's placeholder (see local/runtime.ts).
    assert.deepEqual(await pipeline.listKeys(documents, 'staging/'), ['staging/.keep']);
  });

  it('an email from a registered contact lands in the case, documents on the checklist', async () => {
    // Prepare
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse.yilmaz@example.org'],
    });
    const passport = samplePdf('Reisepass');
    const payslip = samplePdf('Gehaltsabrechnung');

    // Act
    const messageId = await pipeline.send({
      from: 'Ayşe Yılmaz <ayse.yilmaz@example.org>',
      to: pipeline.intakeAddress,
      subject: 'Meine Unterlagen',
      text: 'Guten Tag, anbei Pass und Gehaltsabrechnung.',
      attachments: [
        { filename: 'Reisepass.pdf', content: passport, contentType: 'application/pdf' },
        { filename: 'Gehaltsabrechnung Oktober.pdf', content: payslip, contentType: 'application/pdf' },
      ],
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);

    // Assess
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    assert.deepEqual(tasksEntered(execution.events), [
      'ParseEmail',
      'ScanAttachments',
      'ScreenEmail',
      'FileAttachments',
      'MatchCase',
      'RecordDocuments',
      'RecognizeDocuments',
      'SendQuery',
      'NotifyCaseworker',
      'SendCaseworkerNotification',
    ]);
    const output = JSON.parse(execution.output!) as { match: unknown; recorded: { added: number } };
    assert.deepEqual(output.match, { outcome: 'Matched', caseReference: reference, by: 'contact' });
    const view = (await pipeline.showCase.run(reference))!;
    assert.deepEqual(
      view.documents.map((d) => [d.sha256, d.checklistItem]).sort(),
      [
        [sha256(passport), 'passport'],
        [sha256(payslip), 'payslips'],
      ].sort(),
    );
    assert.equal(view.log[0]!.messageId, messageId);
  });

  it('a redelivered receipt notification starts no second execution', async () => {
    // Prepare: a message received once
    const messageId = await pipeline.send({
      from: 'amir@example.org',
      to: pipeline.intakeAddress,
      subject: 'Hallo',
      text: 'Test',
    });
    await pipeline.runtime.waitForExecution(messageId);
    const starter = pipeline.runtime.app.notificationConsumers[0]!;
    const notification = {
      notificationType: 'Received',
      mail: { messageId, timestamp: new Date().toISOString(), source: 'amir@example.org' },
      receipt: {
        recipients: [pipeline.intakeAddress],
        spamVerdict: { status: 'PASS' },
        virusVerdict: { status: 'PASS' },
        spfVerdict: { status: 'PASS' },
        dkimVerdict: { status: 'PASS' },
        dmarcVerdict: { status: 'PASS' },
        action: {
          type: 'S3',
          bucketName: pipeline.bucket('INBOUND_BUCKET'),
          objectKey: `inbound/${messageId}`,
        },
      },
    };
    const sqsEvent = { Records: [{ messageId: 'redelivery-1', body: JSON.stringify(notification) }] };

    // Act: SQS delivers the same notification again (raw delivery this time)
    const response = (await pipeline.runtime.lambdas.get(starter)!.invoke(sqsEvent)) as {
      batchItemFailures: unknown[];
    };

    // Assess
    assert.deepEqual(response.batchItemFailures, []);
    const executions = pipeline.runtime.stepFunctions.executions().filter((e) => e.name === messageId);
    assert.equal(executions.length, 1);
  });

  it('SES setup notifications start nothing', async () => {
    const starter = pipeline.runtime.app.notificationConsumers[0]!;
    const before = pipeline.runtime.stepFunctions.executions().length;
    const setup = {
      notificationType: 'Received',
      mail: { messageId: 'AMAZON_SES_SETUP_NOTIFICATION', timestamp: new Date().toISOString(), source: '' },
      receipt: {
        recipients: [],
        action: {
          type: 'S3',
          bucketName: pipeline.bucket('INBOUND_BUCKET'),
          objectKey: 'inbound/AMAZON_SES_SETUP_NOTIFICATION',
        },
      },
    };
    const response = (await pipeline.runtime.lambdas
      .get(starter)!
      .invoke({ Records: [{ messageId: 'setup', body: JSON.stringify(setup) }] })) as {
      batchItemFailures: unknown[];
    };
    assert.deepEqual(response.batchItemFailures, []);
    assert.equal(pipeline.runtime.stepFunctions.executions().length, before);
  });

  it('a sender whose SPF/DKIM/DMARC fail is not verified, whatever the message claims', async () => {
    const messageId = await pipeline.send({
      from: 'spoofer@example.org',
      to: pipeline.intakeAddress,
      subject: 'ABH-2026-004711',
      text: 'Bitte zuordnen',
      headers: {
        'Authentication-Results': 'mx.example; spf=pass; dkim=pass; dmarc=pass',
        'X-SES-Spam-Verdict': 'PASS',
      },
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);
    const output = JSON.parse(execution.output!) as {
      screening: { outcome: string; senderVerified: boolean };
    };
    assert.equal(output.screening.outcome, 'Proceed');
    assert.equal(output.screening.senderVerified, false);
  });

  it('a message SES found a virus in is quarantined and waits in triage', async () => {
    const messageId = await pipeline.send({
      from: 'infected@example.org',
      to: pipeline.intakeAddress,
      subject: 'Rechnung',
      text: 'Siehe Anhang',
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);
    assert.deepEqual(tasksEntered(execution.events), [
      'ParseEmail',
      'ScanAttachments',
      'ScreenEmail',
      'FileAttachments',
    ]);
    const output = JSON.parse(execution.output!) as { screening: { outcome: string; reason: string } };
    assert.deepEqual(output.screening, { outcome: 'Quarantine', reason: 'virus', verdict: 'FAIL' });
  });

  it('refuses mail for addresses the receipt rule does not name, as SES would', async () => {
    await assert.rejects(
      pipeline.send({ from: 'a@example.org', to: 'someone@elsewhere.example', subject: 'x', text: 'x' }),
      /550|not a recipient/i,
    );
  });
});
