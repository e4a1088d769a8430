import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { connect, type Target } from '../../cli/target.ts';
import { triageListCommand, triageRetryCommand } from '../../cli/triage-command.ts';
import { RetryRefusedError } from '../../functions/use-cases/retry-held-message.ts';
import type { FaultRule } from '../../local/fault-injection.ts';
import { writeRuntimeDescription } from '../../local/runtime.ts';
import { callCounts, injectFaults } from '../helpers/faults.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';
import { samplePdf, sha256 } from '../helpers/sample-documents.ts';

/**
 * Faults, step by step: for each Task state of the IntakeWorkflow, its dependency (S3, DynamoDB,
 * SES) answers throttling or a 500 in the middle of the step. Either the SDK's retries absorb
 * it, or the message is held; then `intake triage retry` finishes the job. Afterwards the case,
 * the outbox and the triage list show nothing lost and nothing done twice.
 */
const INTAKE_STEPS = [
  'ReleaseFromHold',
  'ParseEmail',
  'ScreenEmail',
  'MatchCase',
  'RecordDocuments',
  'NotifyCaseworker',
  'SendCaseworkerNotification',
  'SendQuery',
  'SendTriageReply',
  'HoldForPerson',
];
const UNTIL_FIXED = Number.POSITIVE_INFINITY;
const VIRUS_SENDER = 'infected@example.net';

describe('IntakeWorkflow under faults (SMTP in → case, outbox, triage out)', () => {
  let pipeline: TestPipeline;
  let target: Target;
  let cliDir: string;

  before(async () => {
    pipeline = await startTestPipeline({
      verdictsFor: (sender) => (sender === VIRUS_SENDER ? { virus: 'FAIL' } : {}),
      warmLambdas: true,
    });
    // The CLI finds the pipeline as it finds `npm start`: through runtime.json.
    cliDir = await mkdtemp(join(tmpdir(), 'intake-cli-'));
    await writeRuntimeDescription(join(cliDir, 'runtime.json'), pipeline.runtime.description);
    target = await connect({ INTAKE_DATA_DIR: cliDir });
  });

  afterEach(async () => {
    // The fault is fixed: no rule survives its test.
    for (const step of INTAKE_STEPS) await injectFaults(pipeline.runtime, step, []);
  });

  after(async () => {
    target?.db.destroy();
    target?.stepFunctions.destroy();
    target?.s3.destroy();
    await pipeline?.stop();
    if (cliDir) await rm(cliDir, { recursive: true, force: true });
  });

  const passport = samplePdf('passport');
  const contract = samplePdf('contract');

  /** A Blue Card case; its applicant then sends two of the required documents. */
  async function submitDocuments(name: string): Promise<{ reference: string; messageId: string }> {
    const address = `${name}@example.com`;
    const { reference } = await pipeline.openCase.run({
      applicantName: name,
      contacts: [address],
      language: 'en',
      requestType: 'eu-blue-card',
      caseworker: `team.${name}@intake.example.org`,
    });
    const messageId = await pipeline.send({
      from: address,
      to: pipeline.intakeAddress,
      subject: `Documents ${reference}`,
      text: 'Here are my passport and my employment contract.',
      attachments: [
        { filename: 'passport.pdf', content: passport, contentType: 'application/pdf' },
        { filename: 'contract.pdf', content: contract, contentType: 'application/pdf' },
      ],
    });
    return { reference, messageId };
  }

  async function finished(executionName: string): Promise<string[]> {
    const execution = await pipeline.runtime.waitForExecution(executionName, 60_000);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    // The states entered, in order (Succeed states included).
    return (execution.events as { type: string; state?: { name: string } }[])
      .filter((e) => e.type === 'StateEntered' && e.state !== undefined)
      .map((e) => e.state!.name);
  }

  async function triageLines(): Promise<string[]> {
    const lines: string[] = [];
    await triageListCommand(target, false, (line) => lines.push(line));
    return lines;
  }

  /** `intake triage retry`, as a person types it; resolves with the states its run passed. */
  async function retry(messageId: string, attempt: number): Promise<string[]> {
    const printed: string[] = [];
    assert.equal(await triageRetryCommand(target, messageId, false, (line) => printed.push(line)), 0);
    assert.match(printed.join('\n'), new RegExp(`Retry ${attempt} of ${messageId} started`));
    return finished(`${messageId}-retry-${attempt}`);
  }

  async function assertHeld(messageId: string, error: string, attempts: number): Promise<void> {
    const entry = await pipeline.triage.get(messageId);
    assert.deepEqual(
      [entry?.reason, entry?.detail, entry?.attempts],
      ['processing-error', error, attempts],
      'held, with the error and the runs so far',
    );
    assert.ok(
      (await triageLines()).some((line) =>
        line.includes(`${messageId}  processing-error  (${error}; runs: ${attempts})`),
      ),
    );
  }

  /** The case has each document once, the caseworker was told once, the applicant asked once. */
  async function assertDoneOnce(reference: string, messageId: string): Promise<void> {
    const documents = await pipeline.cases.documents(reference);
    assert.deepEqual(documents.map((d) => d.sha256).sort(), [sha256(passport), sha256(contract)].sort());
    const sent = (await pipeline.outbox()).filter((e) => e.subject.startsWith(`[${reference}]`));
    assert.deepEqual(sent.map((e) => e.subject.replace(`[${reference}] `, '')).sort(), [
      'Eingangsbestätigung / Confirmation of receipt',
      'Neue Unterlagen eingegangen',
    ]);
    const accepted = (await pipeline.sesStore()).filter((e) => e.subject.startsWith(`[${reference}]`));
    assert.equal(accepted.length, 2, 'SES sent each email once');
    const received = (await pipeline.cases.log(reference)).filter((e) => e.direction === 'in');
    assert.equal(received.length, 1, 'the email is in the case log once');
    assert.equal(await pipeline.triage.get(messageId), null, 'off the triage list');
    assert.ok(!(await triageLines()).some((line) => line.includes(messageId)));
  }

  /**
   * A fault that lasts: the step fails after the SDK's retries, the message is held; while the
   * fault lasts a retry is held again (attempt counted); once it is fixed a retry finishes.
   */
  async function heldUntilFixed(
    step: string,
    rule: FaultRule,
    errors: { first: string; whileFailing?: string },
    name: string,
    sentWhenHeld: number,
  ): Promise<void> {
    await injectFaults(pipeline.runtime, step, [rule]);
    const { reference, messageId } = await submitDocuments(name);
    assert.ok((await finished(messageId)).includes('HeldForPerson'));
    await assertHeld(messageId, errors.first, 1);
    // The SDK tried again (with backoff) before the step gave up.
    assert.ok(
      (await callCounts(pipeline.runtime, step))[`${rule.service}:${rule.operation}`]! >= rule.nth + 2,
    );
    const accepted = (await pipeline.sesStore()).filter((e) => e.subject.startsWith(`[${reference}]`));
    assert.equal(accepted.length, sentWhenHeld, 'what SES had sent when the step failed');

    assert.ok((await retry(messageId, 1)).includes('HeldForPerson'), 'still failing: held again');
    await assertHeld(messageId, errors.whileFailing ?? errors.first, 2);

    await injectFaults(pipeline.runtime, step, []);
    const states = await retry(messageId, 2);
    assert.ok(states.includes('Done') && !states.includes('HoldForPerson'), states.join(' → '));
    await assertDoneOnce(reference, messageId);
  }

  it('ParseEmail: S3 fails (500) while the second attachment is staged; held, then retried without a duplicate', async () => {
    await heldUntilFixed(
      'ParseEmail',
      // Files are staged (PutObject) by ParseEmail; FileAttachments files them later.
      { service: 'S3', operation: 'PutObject', nth: 2, times: UNTIL_FIXED, kind: 'server-error' },
      { first: 'InternalError' },
      'parse',
      0,
    );
  });

  it('ScreenEmail: DynamoDB throttles the quarantine entry once; the SDK retries, the message is quarantined once', async () => {
    await injectFaults(pipeline.runtime, 'ScreenEmail', [
      { service: 'DynamoDB', operation: 'PutItem', nth: 1, kind: 'throttling' },
    ]);
    const messageId = await pipeline.send({
      from: VIRUS_SENDER,
      to: pipeline.intakeAddress,
      subject: 'Invoice',
      text: 'See attachment.',
    });
    assert.ok((await finished(messageId)).includes('Quarantined'));
    assert.equal((await callCounts(pipeline.runtime, 'ScreenEmail'))['DynamoDB:PutItem'], 2);
    assert.equal((await pipeline.triage.get(messageId))?.reason, 'quarantined-virus');
    assert.equal((await pipeline.triage.list()).filter((e) => e.messageId === messageId).length, 1);
  });

  it('MatchCase: DynamoDB throttles every lookup; held, then retried to the case', async () => {
    await heldUntilFixed(
      'MatchCase',
      { service: 'DynamoDB', operation: 'Query', nth: 1, times: UNTIL_FIXED, kind: 'throttling' },
      { first: 'ProvisionedThroughputExceededException' },
      'match',
      0,
    );
  });

  it('RecordDocuments: DynamoDB fails (500) after the first document is recorded; held, then each document recorded once', async () => {
    await heldUntilFixed(
      'RecordDocuments',
      { service: 'DynamoDB', operation: 'PutItem', nth: 2, times: UNTIL_FIXED, kind: 'server-error' },
      { first: 'InternalServerError' },
      'record',
      0,
    );
  });

  it('SendCaseworkerNotification: DynamoDB throttles after SES sent the notification; held, and the retry does not send it again', async () => {
    await heldUntilFixed(
      'SendCaseworkerNotification',
      { service: 'DynamoDB', operation: 'PutItem', nth: 2, times: UNTIL_FIXED, kind: 'throttling' },
      // While it lasts, the retry already fails saving the send's idempotency record.
      { first: 'ProvisionedThroughputExceededException', whileFailing: 'IdempotencyPersistenceLayerError' },
      'notify',
      // The acknowledgement (before it) and the notification.
      2,
    );
  });

  it('SendQuery: DynamoDB fails (500) after SES sent the acknowledgement (the query); held, and the retry neither asks again nor leaves the caseworker untold', async () => {
    await heldUntilFixed(
      'SendQuery',
      { service: 'DynamoDB', operation: 'PutItem', nth: 3, times: UNTIL_FIXED, kind: 'server-error' },
      { first: 'InternalServerError' },
      'query',
      // Only the acknowledgement: the caseworker's email comes after it, on the retry.
      1,
    );
  });

  it('SendTriageReply: SES throttles the reply twice; the SDK backs off and sends it once, the message is triaged', async () => {
    await injectFaults(pipeline.runtime, 'SendTriageReply', [
      { service: 'SESv2', operation: 'SendEmail', nth: 1, times: 2, kind: 'throttling' },
    ]);
    const messageId = await pipeline.send({
      from: 'lost.sender@example.com',
      to: pipeline.intakeAddress,
      subject: 'My application',
      text: 'Where do I send my documents?',
    });
    assert.ok((await finished(messageId)).includes('Triaged'));
    assert.equal((await callCounts(pipeline.runtime, 'SendTriageReply'))['SESv2:SendEmail'], 3);
    const replies = (await pipeline.outbox()).filter((e) => e.to.includes('lost.sender@example.com'));
    assert.equal(replies.length, 1);
    const accepted = (await pipeline.sesStore()).filter((e) =>
      e.destination.to.includes('lost.sender@example.com'),
    );
    assert.equal(accepted.length, 1);
    assert.equal((await pipeline.triage.get(messageId))?.reason, 'no-match');
  });

  it('HoldForPerson: DynamoDB throttles while a failed message is put on hold; the SDK retries and it is held once', async () => {
    await injectFaults(pipeline.runtime, 'ParseEmail', [
      { service: 'S3', operation: 'GetObject', nth: 1, times: UNTIL_FIXED, kind: 'server-error' },
    ]);
    await injectFaults(pipeline.runtime, 'HoldForPerson', [
      { service: 'DynamoDB', operation: 'PutItem', nth: 1, kind: 'throttling' },
    ]);
    const { reference, messageId } = await submitDocuments('hold');
    assert.ok((await finished(messageId)).includes('HeldForPerson'));
    assert.equal((await callCounts(pipeline.runtime, 'HoldForPerson'))['DynamoDB:PutItem'], 2);
    await assertHeld(messageId, 'InternalError', 1);

    await injectFaults(pipeline.runtime, 'ParseEmail', []);
    await retry(messageId, 1);
    await assertDoneOnce(reference, messageId);
  });

  it('ReleaseFromHold: DynamoDB fails (500) while a retry takes the message off hold; held again, the next retry finishes', async () => {
    await injectFaults(pipeline.runtime, 'RecordDocuments', [
      { service: 'DynamoDB', operation: 'PutItem', nth: 1, times: UNTIL_FIXED, kind: 'server-error' },
    ]);
    const { reference, messageId } = await submitDocuments('release');
    await finished(messageId);
    await injectFaults(pipeline.runtime, 'RecordDocuments', []);
    await injectFaults(pipeline.runtime, 'ReleaseFromHold', [
      { service: 'DynamoDB', operation: 'DeleteItem', nth: 1, times: UNTIL_FIXED, kind: 'server-error' },
    ]);
    const states = await retry(messageId, 1);
    assert.deepEqual(states.slice(-2), ['HoldForPerson', 'HeldForPerson']);
    await assertHeld(messageId, 'InternalServerError', 2);

    await injectFaults(pipeline.runtime, 'ReleaseFromHold', []);
    await retry(messageId, 2);
    await assertDoneOnce(reference, messageId);
  });

  it('refuses to retry a message that is not held, or that is not in triage', async () => {
    const messageId = await pipeline.send({
      from: 'another.stranger@example.com',
      to: pipeline.intakeAddress,
      subject: 'Question',
      text: 'Hello?',
    });
    await finished(messageId);
    await assert.rejects(
      triageRetryCommand(target, messageId, false, () => undefined),
      (error) => {
        assert.ok(error instanceof RetryRefusedError);
        assert.match(error.message, /in triage as no-match, not held after a failed step/);
        return true;
      },
    );
    await assert.rejects(
      triageRetryCommand(target, 'nosuchmessage', false, () => undefined),
      /No message nosuchmessage waits in triage/,
    );
  });
});
