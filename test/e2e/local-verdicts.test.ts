import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verdictsFromFile } from '../../local/local-verdicts.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf } from '../helpers/sample-documents.ts';
import { ALL_PASS } from '../helpers/verdicts.ts';

/**
 * The local verdicts knob (INTAKE_LOCAL_VERDICTS, a contract in design.md): the file is read
 * afresh for every message, and what it says is what the receipt notification reports.
 */
describe('local verdicts knob (INTAKE_LOCAL_VERDICTS)', () => {
  let pipeline: TestPipeline;
  let dir = '';
  let file = '';
  let reference = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-verdicts-'));
    file = join(dir, 'verdicts.json');
    pipeline = await startTestPipeline({ verdictsFor: verdictsFromFile(file, 10) });
    ({ reference } = await pipeline.openCase.run({
      applicantName: 'Test Person',
      contacts: ['applicant@example.org'],
    }));
  });

  after(async () => {
    await pipeline?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  interface Run {
    input: { verdicts: Record<string, string> };
    output: {
      screening: { outcome: string; reason?: string; senderVerified?: boolean };
      match?: { outcome: string };
    };
  }

  async function sendFromContact(subject: string): Promise<Run> {
    const messageId = await pipeline.send({
      from: 'applicant@example.org',
      to: pipeline.intakeAddress,
      subject,
      text: 'Anbei.',
      attachments: [
        { filename: 'Reisepass.pdf', content: samplePdf(subject), contentType: 'application/pdf' },
      ],
    });
    const execution = await pipeline.runtime.waitForExecution(messageId);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    return { input: JSON.parse(execution.input), output: JSON.parse(execution.output!) } as Run;
  }

  it('without the file every verdict is PASS and the policy none', async () => {
    const { input, output } = await sendFromContact('Pass');
    assert.deepEqual(input.verdicts, ALL_PASS);
    assert.equal(input.verdicts.dmarcPolicy, 'none');
    assert.equal(output.match?.outcome, 'Matched');
  });

  it('a spoofed sender (SPF, DKIM and DMARC failing) is not verified and gets nothing into the case', async () => {
    // Prepare
    await writeFile(
      file,
      JSON.stringify({ spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL', dmarcPolicy: 'reject' }),
    );
    const documentsBefore = (await pipeline.showCase.run(reference))!.documents.length;

    // Act
    const { input, output } = await sendFromContact('Gefälscht');

    // Assess: the keys not in the file are PASS, the ones in it are what it says
    assert.deepEqual(input.verdicts, {
      ...ALL_PASS,
      spf: 'FAIL',
      dkim: 'FAIL',
      dmarc: 'FAIL',
      dmarcPolicy: 'reject',
    });
    assert.equal(output.screening.senderVerified, false);
    assert.notEqual(output.match?.outcome, 'Matched');
    assert.equal((await pipeline.showCase.run(reference))!.documents.length, documentsBefore);
  });

  it('a virus-flagged message is quarantined; the next message reads the file again', async () => {
    // Act
    await writeFile(file, JSON.stringify({ virus: 'FAIL' }));
    const infected = await sendFromContact('Infiziert');
    await writeFile(file, JSON.stringify({}));
    const clean = await sendFromContact('Sauber');

    // Assess
    assert.deepEqual(infected.output.screening, { outcome: 'Quarantine', reason: 'virus', verdict: 'FAIL' });
    assert.equal(clean.input.verdicts.virus, 'PASS');
    assert.equal(clean.output.match?.outcome, 'Matched');
  });

  it('a file that is not valid refuses the message for now (451) instead of letting it through as PASS', async () => {
    // Prepare
    await writeFile(file, JSON.stringify({ virus: 'CLEAN' }));
    const before = await pipeline.listKeys(pipeline.bucket('INBOUND_BUCKET'), 'inbound/');

    // Act
    const refused = await sendFromContact('Kaputt').then(
      () => null,
      (error: unknown) => error as { responseCode?: number; response?: string },
    );

    // Assess
    assert.equal(refused?.responseCode, 451, refused?.response);
    assert.match(refused?.response ?? '', /INTAKE_LOCAL_VERDICTS/);
    assert.deepEqual(await pipeline.listKeys(pipeline.bucket('INBOUND_BUCKET'), 'inbound/'), before);
    await writeFile(file, '{}');
  });
});
