import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { StartDecision } from '../../functions/use-cases/start-decision.ts';
import { startDecisionPipeline, type DecisionPipeline } from '../helpers/decision-pipeline.ts';
import { callCounts, injectFaults } from '../helpers/faults.ts';
import type { TestPipeline } from '../helpers/local-pipeline.ts';

/**
 * Faults, step by step, in the DecisionWorkflow: each Task state's dependency (S3, DynamoDB, SES)
 * answers throttling or a 500 in the middle of the step; the SDK's retries (with backoff) carry
 * the step through, and every email goes out exactly once. (Prepare is a Pass state: it calls
 * nothing that could fail.)
 */
const DECISION_STEPS = ['SendDecision', 'CheckAnswer', 'SendQueryReminder'];

describe('DecisionWorkflow under faults (decision in → outbox, case out)', () => {
  let pipeline: TestPipeline;
  let startDecision: StartDecision;
  let decisions: DecisionPipeline;

  before(async () => {
    // WaitForAnswer leaves an answer time to arrive even on a loaded machine.
    decisions = await startDecisionPipeline({
      WaitForAnswer: 8000,
      WaitAfterReminder: 300,
      WaitUntilDayBefore: 300,
    });
    ({ pipeline, startDecision } = decisions);
  });

  afterEach(async () => {
    for (const step of DECISION_STEPS) await injectFaults(pipeline.runtime, step, []);
  });

  after(async () => {
    await decisions?.stop();
  });

  async function newCase(name: string): Promise<string> {
    const { reference } = await pipeline.openCase.run({
      applicantName: name,
      contacts: [`${name}@example.org`],
      caseworker: `team.${name}@intake.example.org`,
    });
    return reference;
  }

  /** Runs a decision to its end; answers the states it entered. */
  async function decide(decision: Parameters<StartDecision['run']>[0]): Promise<string[]> {
    const { decisionId, outcome } = await startDecision.run(decision);
    assert.equal(outcome, 'started');
    const execution = await pipeline.runtime.waitForExecution(decisionId, 60_000);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    return (execution.events as { type: string; state?: { name: string } }[])
      .filter((e) => e.type === 'StateEntered' && e.state !== undefined)
      .map((e) => e.state!.name);
  }

  /** What went out for the case, in order: recipient and subject (without the reference). */
  async function sentFor(reference: string): Promise<[string, string][]> {
    const archived = (await pipeline.outbox()).filter((e) => e.subject.startsWith(`[${reference}]`));
    const accepted = (await pipeline.sesStore()).filter((e) => e.subject.startsWith(`[${reference}]`));
    assert.equal(accepted.length, archived.length, 'SES sent what the outbox shows, each once');
    return archived.map((e) => [e.to[0]!, e.subject.replace(`[${reference}] `, '').split(' / ')[0]!]);
  }

  it('SendDecision: SES throttles the query twice; the SDK backs off and it goes out once', async () => {
    const reference = await newCase('senddecision');
    await injectFaults(pipeline.runtime, 'SendDecision', [
      { service: 'SESv2', operation: 'SendEmail', nth: 1, times: 2, kind: 'throttling' },
      // and DynamoDB answers a 500 once right after the send, when the sent message is recorded
      { service: 'DynamoDB', operation: 'PutItem', nth: 2, kind: 'server-error' },
    ]);
    const states = await decide({ kind: 'query', caseReference: reference, text: 'Bitte das Foto.' });
    assert.ok(states.includes('Unanswered'));
    const counts = await callCounts(pipeline.runtime, 'SendDecision');
    assert.equal(counts['SESv2:SendEmail'], 3);
    assert.deepEqual(await sentFor(reference), [
      ['senddecision@example.org', 'Fehlende Unterlagen'],
      ['senddecision@example.org', 'Erinnerung: fehlende Unterlagen'],
      ['team.senddecision@intake.example.org', 'Rückfrage unbeantwortet'],
    ]);
    const log = (await pipeline.cases.log(reference)).filter((e) => e.direction === 'out');
    assert.equal(log.length, 3, 'each sent email is in the case log once');
  });

  it('SendDecision: DynamoDB fails (500) past the SDK’s retries after SES sent the query; the step runs again and the query goes out once', async () => {
    const reference = await newCase('decisionagain');
    await injectFaults(pipeline.runtime, 'SendDecision', [
      // Call 1 saves the send's idempotency record; the query goes out; calls 2-9 (its two
      // Message-IDs recorded at once, four attempts each) fail, and so does the step. Its second
      // run finds the send done and records it.
      { service: 'DynamoDB', operation: 'PutItem', nth: 2, times: 8, kind: 'server-error' },
    ]);
    const states = await decide({
      kind: 'query',
      caseReference: reference,
      text: 'Bitte die Meldebescheinigung.',
    });
    assert.equal(states.filter((s) => s === 'SendDecision').length, 1);
    const counts = await callCounts(pipeline.runtime, 'SendDecision');
    assert.equal(counts['SESv2:SendEmail'], 1, 'sent once');
    assert.deepEqual((await sentFor(reference))[0], ['decisionagain@example.org', 'Fehlende Unterlagen']);
    const queries = (await pipeline.cases.log(reference)).filter(
      (e) => e.direction === 'out' && e.note === 'query',
    );
    assert.equal(queries.length, 1, 'the query is in the case log once');
  });

  it('CheckAnswer: DynamoDB throttles the log lookup once; the SDK retries and the answer is still seen', async () => {
    const reference = await newCase('checkanswer');
    await injectFaults(pipeline.runtime, 'CheckAnswer', [
      { service: 'DynamoDB', operation: 'Query', nth: 1, kind: 'throttling' },
    ]);
    const { decisionId } = await startDecision.run({
      kind: 'query',
      caseReference: reference,
      text: 'Foto?',
    });
    const answer = await pipeline.send({
      from: 'checkanswer@example.org',
      to: pipeline.intakeAddress,
      subject: `Re: ${reference}`,
      text: 'Anbei.',
    });
    await pipeline.runtime.waitForExecution(answer);
    const execution = await pipeline.runtime.waitForExecution(decisionId, 60_000);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    const counts = await callCounts(pipeline.runtime, 'CheckAnswer');
    assert.ok((counts['DynamoDB:Query'] ?? 0) >= 2, JSON.stringify(counts));
    const sent = await sentFor(reference);
    assert.equal(sent.filter(([to]) => to === 'checkanswer@example.org').length, 1, 'no reminder');
  });

  it('reminders: S3 fails (500) archiving the reminder, SES throttles it; the SDK retries and each reminder goes out once', async () => {
    const reference = await newCase('reminders');
    // SendQueryReminder, TellCaseworker and SendInvitationReminder share one function.
    await injectFaults(pipeline.runtime, 'SendQueryReminder', [
      { service: 'S3', operation: 'PutObject', nth: 1, kind: 'server-error' },
      { service: 'SESv2', operation: 'SendEmail', nth: 2, kind: 'throttling' },
    ]);
    const states = await decide({ kind: 'query', caseReference: reference, text: 'Bitte den Mietvertrag.' });
    assert.ok(states.includes('TellCaseworker'));
    const counts = await callCounts(pipeline.runtime, 'SendQueryReminder');
    assert.deepEqual([counts['S3:PutObject'], counts['SESv2:SendEmail']], [3, 3]);
    assert.deepEqual(await sentFor(reference), [
      ['reminders@example.org', 'Fehlende Unterlagen'],
      ['reminders@example.org', 'Erinnerung: fehlende Unterlagen'],
      ['team.reminders@intake.example.org', 'Rückfrage unbeantwortet'],
    ]);
  });

  it('SendInvitationReminder: DynamoDB fails (500) once while the reminder is recorded; it goes out once', async () => {
    const reference = await newCase('invitation');
    await injectFaults(pipeline.runtime, 'SendInvitationReminder', [
      { service: 'DynamoDB', operation: 'PutItem', nth: 2, kind: 'server-error' },
    ]);
    const appointmentAt = new Date(Date.now() + 10 * 86400_000).toISOString();
    const states = await decide({ kind: 'invitation', caseReference: reference, appointmentAt });
    assert.ok(states.includes('Invited'));
    const counts = await callCounts(pipeline.runtime, 'SendInvitationReminder');
    assert.ok((counts['DynamoDB:PutItem'] ?? 0) >= 3, JSON.stringify(counts));
    const sent = await sentFor(reference);
    assert.equal(sent.length, 2, JSON.stringify(sent));
    // The test shortens the wait; the reminder names the appointment's real date (Europe/Berlin).
    const day = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date(appointmentAt));
    assert.match(sent[1]![1], new RegExp(`Erinnerung: Ihr Termin am ${day.replaceAll('.', '\\.')}`));
  });
});
