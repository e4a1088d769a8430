import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDbPendingNotifications } from '../../functions/adapters/dynamodb-pending-notifications.ts';
import type { PendingSubmission } from '../../functions/domain/caseworker-notification.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

function submission(messageId: string): PendingSubmission {
  return {
    messageId,
    receivedAt: '2026-04-01T08:00:00Z',
    matchedBy: 'contact',
    sender: 'a@example.org',
    senderAuthentication: 'von SES authentifiziert',
    held: [],
    readProblems: [],
    text: '',
    next: 'SendQuery',
  };
}

describe('pending caseworker notifications on DynamoDB Local', () => {
  let table: TestTable;
  let pending: DynamoDbPendingNotifications;
  const now = new Date('2026-04-01T08:00:00Z');

  before(async () => {
    table = await startTestTable();
    pending = new DynamoDbPendingNotifications(table.db, table.tableName, 600);
  });
  after(async () => {
    await table?.stop();
  });

  it('of submissions arriving at once exactly one leads; the leader sends for all, and those joining meanwhile stay for the next email', async () => {
    const roles = await Promise.all(
      ['m1', 'm2', 'm3', 'm4'].map((id) => pending.add('REF-1', submission(id), now)),
    );
    assert.deepEqual(roles.filter((r) => r === 'lead').length, 1);
    const taken = await pending.pending('REF-1');
    assert.deepEqual(taken.map((s) => s.messageId).sort(), ['m1', 'm2', 'm3', 'm4']);
    assert.equal(await pending.add('REF-1', submission('m5'), now), 'join', 'joins while the email is sent');
    assert.equal(await pending.remove('REF-1', taken.length), 1, 'm5 is left for the next email');
    assert.deepEqual(
      (await pending.pending('REF-1')).map((s) => s.messageId),
      ['m5'],
    );
    assert.equal(await pending.remove('REF-1', 1), 0);
    assert.equal(await pending.add('REF-1', submission('m6'), now), 'lead', 'after that, a new email');
  });

  it('a retried step keeps its first answer; a leader that never sent is replaced after a while', async () => {
    assert.equal(await pending.add('REF-2', submission('a'), now), 'lead');
    assert.equal(await pending.add('REF-2', submission('a'), now), 'lead');
    assert.equal(await pending.add('REF-2', submission('b'), now), 'join');
    assert.equal(await pending.add('REF-2', submission('b'), now), 'join');
    const later = new Date(now.getTime() + 601_000);
    assert.equal(await pending.add('REF-2', submission('c'), later), 'lead', 'the dead leader’s place');
    assert.deepEqual(
      (await pending.pending('REF-2')).map((s) => s.messageId),
      ['a', 'b', 'c'],
    );
  });
});
