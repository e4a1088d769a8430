import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntakeRequest } from '../../functions/domain/intake-request.ts';
import type { WorkflowStarter } from '../../functions/domain/ports.ts';
import type { TriageEntry, TriageRepository } from '../../functions/domain/triage.ts';
import { RetryHeldMessage, RetryRefusedError } from '../../functions/use-cases/retry-held-message.ts';
import { ALL_PASS } from '../helpers/verdicts.ts';

const request: IntakeRequest = {
  messageId: 'held0message',
  rawMail: { bucket: 'inbound', key: 'inbound/held0message' },
  recipients: ['intake@intake.example.org'],
  envelopeSender: 'other',
  receivedAt: '2026-12-01T09:00:00.000Z',
  verdicts: ALL_PASS,
};
const held: TriageEntry = {
  messageId: request.messageId,
  reason: 'processing-error',
  receivedAt: request.receivedAt,
  suggestedCases: [],
  detail: 'InternalError',
  attempts: 2,
  request,
};

/** Plain fakes: the triage list as given, the starter records what it is asked to start. */
function retryWith(entries: TriageEntry[]) {
  const started: [IntakeRequest, number][] = [];
  const triage = {
    get: async (id: string) => entries.find((e) => e.messageId === id) ?? null,
  } as TriageRepository;
  const starter: WorkflowStarter = {
    startIntake: async () => 'started',
    retryIntake: async (r, attempt) => {
      const again = started.some(([, a]) => a === attempt);
      started.push([r, attempt]);
      return again ? 'already-started' : 'started';
    },
  };
  return { retry: new RetryHeldMessage({ triage, starter }), started };
}

describe('RetryHeldMessage', () => {
  it('runs a held message again on the input of the run that failed, numbered by the runs so far', async () => {
    const { retry, started } = retryWith([held]);
    assert.deepEqual(await retry.run(held.messageId), {
      messageId: held.messageId,
      attempt: 2,
      outcome: 'started',
    });
    assert.deepEqual(started, [[request, 2]]);
    assert.equal((await retry.run(held.messageId)).outcome, 'already-started');
  });

  it('counts an entry held before attempts were counted as held once', async () => {
    const { attempts: _attempts, ...firstHold } = held;
    const { retry } = retryWith([firstHold]);
    assert.equal((await retry.run(held.messageId)).attempt, 1);
  });

  it('refuses what is not in triage, not held, or held without its input, and says which', async () => {
    const { request: _request, ...noInput } = held;
    const { retry, started } = retryWith([
      { ...held, messageId: 'nomatch', reason: 'no-match' },
      { ...noInput, messageId: 'noinput' },
    ]);
    for (const [id, problem] of [
      ['unknown', 'not-found'],
      ['nomatch', 'not-held'],
      ['noinput', 'no-input'],
    ] as const) {
      await assert.rejects(
        retry.run(id),
        (error) => error instanceof RetryRefusedError && error.problem === problem,
      );
    }
    assert.deepEqual(started, []);
  });
});
