import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';
import { TABLE_TTL_ATTRIBUTE } from '../../lib/table-design.ts';
import { inboundEmail } from '../helpers/inbound-email.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

describe('Triage entries expire after the stage’s retention (DynamoDB TTL)', () => {
  let table: TestTable;

  before(async () => {
    table = await startTestTable();
  });
  after(async () => {
    await table?.stop();
  });

  it('writes the TTL attribute the table expires items by, retention days after the entry was added', async () => {
    const now = new Date('2026-12-02T10:00:00.000Z');
    const triage = new DynamoDbTriageRepository(table.db, table.tableName, {
      retentionDays: 30,
      now: () => now,
    });
    const email = inboundEmail();
    await triage.add({
      messageId: email.messageId,
      reason: 'no-match',
      receivedAt: email.receivedAt,
      suggestedCases: [],
      detail: null,
      email,
    });

    const { Item: item } = await table.db.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: 'TRIAGE', sk: `${email.receivedAt}#${email.messageId}` },
      }),
    );
    assert.equal(item?.[TABLE_TTL_ATTRIBUTE], Math.floor(now.getTime() / 1000) + 30 * 86400);
    assert.equal((await triage.get(email.messageId))?.messageId, email.messageId);
  });
});
