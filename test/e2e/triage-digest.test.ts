import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadStageConfig } from '../../lib/config.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf } from '../helpers/sample-documents.ts';

/**
 * The office's digest of triage, run by the local runtime from the CDK app's EventBridge schedule
 * (hourly there; every 500 ms here, so only the function's own limit keeps it to one an hour).
 */
describe('Triage digest (EventBridge schedule → team mailbox)', () => {
  let pipeline: TestPipeline;
  const mailbox = loadStageConfig('dev').caseworkerMailbox;

  before(async () => {
    pipeline = await startTestPipeline({ scheduleOverrides: { TriageDigestSchedule: 500 } });
  });

  after(async () => {
    await pipeline?.stop();
  });

  const digests = async () => (await pipeline.outbox()).filter((e) => e.to.includes(mailbox));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2500));

  async function unassignable(from: string): Promise<string> {
    const id = await pipeline.send({
      from,
      to: pipeline.intakeAddress,
      subject: 'Meine Unterlagen, geheim',
      text: 'Anbei.',
      attachments: [{ filename: 'Reisepass.pdf', content: samplePdf(from), contentType: 'application/pdf' }],
    });
    await pipeline.runtime.waitForExecution(id);
    return id;
  }

  it('tells the office what landed in triage, at most once an hour, without senders or subjects', async () => {
    await settle();
    assert.equal((await digests()).length, 0, 'nothing in triage: no digest');

    const first = await unassignable('stranger.one@example.net');
    const second = await unassignable('stranger.two@example.net');
    await settle();
    const [digest, ...more] = await digests();
    assert.equal(more.length, 0);
    assert.match(digest!.subject, /Triage: (eine neue E-Mail wartet|2 neue E-Mails warten) auf Zuordnung/);
    assert.match(digest!.text, new RegExp(`keinem Vorgang zuzuordnen \\(SES-Nachrichten-ID ${first}\\)`));
    assert.match(digest!.text, /\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr/);
    assert.doesNotMatch(digest!.text, /stranger|geheim|Reisepass|no-match/);

    await unassignable('stranger.three@example.net');
    await settle();
    assert.equal((await digests()).length, 1, 'the schedule ran many times; one digest this hour');
    void second;
  });
});
