import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { StartDecision } from '../../functions/use-cases/start-decision.ts';
import { startDecisionPipeline, type DecisionPipeline } from '../helpers/decision-pipeline.ts';
import type { SentEmail, TestPipeline } from '../helpers/local-pipeline.ts';
import { checkItip } from '../helpers/itip.ts';

/** The DecisionWorkflow end to end: decision in, emails (and their timing) out. */
// The tests run side by side (each on its own case), so that their waits overlap: each reads
// only the emails of its own case.
describe('DecisionWorkflow (caseworker decides → outbox)', { concurrency: true }, () => {
  let pipeline: TestPipeline;
  let startDecision: StartDecision;
  let decisions: DecisionPipeline;

  before(async () => {
    // Days become moments, but long enough for an answer to arrive in the answered case even on
    // a loaded machine.
    decisions = await startDecisionPipeline({
      WaitForAnswer: 8000,
      WaitAfterReminder: 300,
      WaitUntilDayBefore: 4000,
    });
    ({ pipeline, startDecision } = decisions);
  });

  after(async () => {
    await decisions?.stop();
  });

  /** What the system sent about one case (its reference is in every subject), oldest first. */
  async function sentFor(reference: string): Promise<SentEmail[]> {
    return (await pipeline.outbox()).filter((email) => email.subject.includes(`[${reference}]`));
  }

  async function run(decision: Parameters<StartDecision['run']>[0]): Promise<string> {
    const { decisionId, outcome } = await startDecision.run(decision);
    assert.equal(outcome, 'started');
    const execution = await pipeline.runtime.waitForExecution(decisionId, 30_000);
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    return decisionId;
  }

  it('an invitation carries a valid calendar file and is followed by a reminder the day before', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse@example.org'],
      language: 'en',
    });
    const appointment = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    appointment.setUTCHours(8, 30, 0, 0);

    await run({ kind: 'invitation', caseReference: reference, appointmentAt: appointment.toISOString() });

    const sent = await sentFor(reference);
    assert.equal(sent.length, 2);
    const [invitation, reminder] = sent as [SentEmail, SentEmail];
    assert.deepEqual(invitation.to, ['ayse@example.org']);
    assert.equal(
      invitation.subject,
      `[${reference}] Einladung zum Termin am Service Point / Invitation to an appointment at the Service Point`,
    );
    assert.match(invitation.text, /Fingerabdrücke/);
    // The fee of the case's request type (an extension: 96 EUR), not one fee for all.
    assert.match(invitation.text, /die Gebühr von 96 EUR/);
    assert.match(invitation.text, /Ihrem Antrag wird stattgegeben/);
    assert.match(invitation.text, /fingerprints/);
    const ics = invitation.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    assert.ok(ics, 'the invitation has a calendar file');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!,
    );
    assert.equal(event.startDate.toJSDate().toISOString(), appointment.toISOString());
    assert.match(event.location, /Service Point/);
    assert.match(event.summary, new RegExp(reference));
    // The wait is shortened to moments here: the reminder goes out ten days ahead, and its
    // wording follows the real date rather than claiming "morgen".
    assert.doesNotMatch(reminder.subject, /morgen|tomorrow/);
    assert.match(reminder.subject, /Erinnerung: Ihr Termin am \d{2}\.\d{2}\.\d{4}/);
    assert.match(reminder.text, /your appointment on /);
    assert.equal((await pipeline.showCase.run(reference))!.case.status, 'decided');
  });

  it('an invitation less than a day ahead gets no reminder', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Soon',
      contacts: ['soon@example.org'],
    });
    const appointmentAt = new Date(Date.now() + 20 * 3600 * 1000).toISOString();

    const decisionId = await run({ kind: 'invitation', caseReference: reference, appointmentAt });

    const sent = await sentFor(reference);
    assert.deepEqual(
      sent.map((e) => e.subject.replace(`[${reference}] `, '')),
      ['Einladung zum Termin am Service Point'],
    );
    const execution = await pipeline.runtime.waitForExecution(decisionId, 30_000);
    const states = execution.events
      .filter((e) => e.type === 'StateEntered')
      .map((e) => (e as { state: { name: string } }).state.name);
    assert.ok(!states.includes('SendInvitationReminder'), states.join(', '));
  });

  /** The calendar file of a sent email, checked against RFC 5546, and its one VEVENT. */
  function calendarOf(email: SentEmail, method: 'REQUEST' | 'CANCEL') {
    const ics = email.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    assert.ok(ics, 'the email has a calendar file');
    return checkItip(ics.content.toString('utf8'), method);
  }

  /** Waits until the outbox holds `count` emails of the case. */
  async function outboxGrows(reference: string, count: number): Promise<SentEmail[]> {
    for (let i = 0; i < 200; i++) {
      const sent = await sentFor(reference);
      if (sent.length >= count) return sent;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the outbox did not get ${count} email(s)`);
  }

  it('a second invitation while one is pending replaces it: same UID, higher SEQUENCE, old reminder stopped', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Moved',
      contacts: ['moved@example.org'],
      language: 'en',
    });
    const first = await startDecision.run({
      kind: 'invitation',
      caseReference: reference,
      appointmentAt: new Date(Date.now() + 10 * 86400_000).toISOString(),
    });
    // The first invitation is out, its reminder is waiting (WaitUntilDayBefore).
    await outboxGrows(reference, 1);
    const secondAt = new Date(Date.now() + 12 * 86400_000);
    secondAt.setUTCHours(9, 0, 0, 0);
    await run({
      kind: 'invitation',
      caseReference: reference,
      appointmentAt: secondAt.toISOString(),
    });
    const firstExecution = await pipeline.runtime.waitForExecution(first.decisionId, 30_000);
    assert.equal(firstExecution.status, 'SUCCEEDED');

    const sent = await sentFor(reference);
    const subjects = sent.map((e) => e.subject.replace(`[${reference}] `, ''));
    assert.equal(subjects.filter((s) => s.startsWith('Einladung')).length, 2, subjects.join(' | '));
    // One reminder: the second appointment's; the first one's was stopped.
    const reminders = sent.filter((e) => e.subject.includes('Erinnerung'));
    assert.equal(reminders.length, 1, subjects.join(' | '));
    assert.match(reminders[0]!.text, new RegExp(secondAt.getUTCFullYear().toString()));
    const [one, two] = sent.filter((e) => e.subject.includes('Einladung')) as [SentEmail, SentEmail];
    const a = calendarOf(one, 'REQUEST');
    const b = calendarOf(two, 'REQUEST');
    assert.equal(b.uid, a.uid);
    assert.equal(a.sequence, 0);
    assert.equal(b.sequence, 1);
    assert.equal(b.start.toISOString(), secondAt.toISOString());
    assert.match(two.text, /ersetzt Ihren bisherigen Termin/);
    assert.match(two.text, /replaces your earlier appointment/);
  });

  it('a cancellation sends METHOD:CANCEL for the pending appointment and stops its reminder', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Cancelled',
      contacts: ['cancelled@example.org'],
      language: 'en',
    });
    await assert.rejects(
      startDecision.run({ kind: 'cancellation', caseReference: reference }),
      /no appointment to cancel/i,
    );
    const invitation = await startDecision.run({
      kind: 'invitation',
      caseReference: reference,
      appointmentAt: new Date(Date.now() + 9 * 86400_000).toISOString(),
    });
    await outboxGrows(reference, 1);
    await run({ kind: 'cancellation', caseReference: reference });
    const execution = await pipeline.runtime.waitForExecution(invitation.decisionId, 30_000);
    assert.equal(execution.status, 'SUCCEEDED');

    const sent = await sentFor(reference);
    assert.deepEqual(
      sent.map((e) => e.subject.replace(`[${reference}] `, '')),
      [
        'Einladung zum Termin am Service Point / Invitation to an appointment at the Service Point',
        'Ihr Termin ist abgesagt / Your appointment is cancelled',
      ],
    );
    const request = calendarOf(sent[0]!, 'REQUEST');
    const cancel = calendarOf(sent[1]!, 'CANCEL');
    assert.equal(cancel.uid, request.uid);
    assert.equal(cancel.sequence, 1);
    assert.match(sent[1]!.text, /courtesy translation/);
    // Nothing left to cancel, and a new invitation is an independent one.
    await assert.rejects(
      startDecision.run({ kind: 'cancellation', caseReference: reference }),
      /no appointment to cancel/i,
    );
  });

  it('an invitation after the earlier appointment has passed is an independent one', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Again',
      contacts: ['again@example.org'],
    });
    // Soon enough for no reminder, so it is over quickly.
    await run({
      kind: 'invitation',
      caseReference: reference,
      appointmentAt: new Date(Date.now() + 3000).toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await run({
      kind: 'invitation',
      caseReference: reference,
      appointmentAt: new Date(Date.now() + 20 * 3600_000).toISOString(),
    });
    const [one, two] = (await sentFor(reference)) as [SentEmail, SentEmail];
    const a = calendarOf(one, 'REQUEST');
    const b = calendarOf(two, 'REQUEST');
    assert.notEqual(b.uid, a.uid);
    assert.equal(b.sequence, 0);
    assert.doesNotMatch(two.text, /ersetzt/);
  });

  it('the same decision given twice sends once', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Twice',
      contacts: ['twice-decided@example.org'],
    });
    const appointmentAt = new Date(Date.now() + 5 * 24 * 3600 * 1000).toISOString();
    await run({ kind: 'invitation', caseReference: reference, appointmentAt });
    const again = await startDecision.run({ kind: 'invitation', caseReference: reference, appointmentAt });
    assert.equal(again.outcome, 'already-started');
  });

  it('an unanswered query: one reminder to the applicant, then the caseworker is told', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Silent',
      contacts: ['silent@example.org'],
      caseworker: 'team.c@intake.example.org',
    });

    await run({
      kind: 'query',
      caseReference: reference,
      text: 'Bitte senden Sie die Seite 2 Ihres Mietvertrags.',
    });

    const sent = await sentFor(reference);
    assert.deepEqual(
      sent.map((e) => [e.to[0], e.subject.replace(`[${reference}] `, '')]),
      [
        ['silent@example.org', 'Fehlende Unterlagen'],
        ['silent@example.org', 'Erinnerung: fehlende Unterlagen'],
        ['team.c@intake.example.org', 'Rückfrage unbeantwortet'],
      ],
    );
    assert.match(
      sent[0]!.text,
      /Hinweis Ihrer Sachbearbeitung: Bitte senden Sie die Seite 2 Ihres Mietvertrags\./,
    );
    assert.match(sent[0]!.text, /- Gültiger Reisepass/);
  });

  it('a query answered in time gets no reminder', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Quick',
      contacts: ['quick@example.org'],
    });
    const { decisionId } = await startDecision.run({
      kind: 'query',
      caseReference: reference,
      text: 'Bitte das Foto.',
    });
    const answer = await pipeline.send({
      from: 'quick@example.org',
      to: pipeline.intakeAddress,
      subject: `Re: ${reference}`,
      text: 'Anbei.',
    });
    await pipeline.runtime.waitForExecution(answer);

    const execution = await pipeline.runtime.waitForExecution(decisionId, 30_000);

    assert.equal(execution.status, 'SUCCEEDED');
    const states = execution.events
      .filter((e) => e.type === 'StateEntered')
      .map((e) => (e as { state: { name: string } }).state.name);
    assert.ok(states.includes('Answered'));
    assert.ok(!states.includes('SendQueryReminder'));
    const toApplicant = (await sentFor(reference)).filter((e) => e.to.includes('quick@example.org'));
    assert.equal(toApplicant.length, 1);
  });

  it('an out-of-office reply without the header is no answer: the reminder still goes out, the absence is on the case', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Away',
      contacts: ['away@example.org'],
    });
    const { decisionId } = await startDecision.run({
      kind: 'query',
      caseReference: reference,
      text: 'Bitte das Foto.',
    });
    const auto = await pipeline.send({
      from: 'away@example.org',
      to: pipeline.intakeAddress,
      subject: `Abwesenheitsnotiz: Fehlende Unterlagen ${reference}`,
      text: 'Vielen Dank für Ihre Nachricht. Ich bin bis 4.1. nicht im Büro und lese keine E-Mails.',
    });
    const autoExecution = await pipeline.runtime.waitForExecution(auto);
    assert.equal(autoExecution.status, 'SUCCEEDED', `${autoExecution.error}: ${autoExecution.cause}`);

    const execution = await pipeline.runtime.waitForExecution(decisionId, 30_000);

    const states = execution.events
      .filter((e) => e.type === 'StateEntered')
      .map((e) => (e as { state: { name: string } }).state.name);
    assert.ok(states.includes('SendQueryReminder'), states.join(', '));
    const sent = await sentFor(reference);
    assert.deepEqual(
      sent
        .filter((e) => e.to.includes('away@example.org'))
        .map((e) => e.subject.replace(`[${reference}] `, '')),
      ['Fehlende Unterlagen', 'Erinnerung: fehlende Unterlagen'],
      'the applicant gets the query and its reminder, nothing answers the auto-reply',
    );
    const inbound = (await pipeline.showCase.run(reference))!.log.filter((e) => e.direction === 'in');
    assert.equal(inbound.length, 1);
    assert.match(inbound[0]!.note, /Abwesenheitsnotiz: Abwesend bis 4\.1\./);
  });

  it('refuses a decision on an unknown case or an appointment in the past', async () => {
    await assert.rejects(
      startDecision.run({ kind: 'query', caseReference: 'ABH-2026-999999', text: 'x' }),
      /No case/,
    );
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Late',
      contacts: ['late@example.org'],
    });
    await assert.rejects(
      startDecision.run({
        kind: 'invitation',
        caseReference: reference,
        appointmentAt: '2020-01-01T10:00:00Z',
      }),
      /future/,
    );
  });
});
