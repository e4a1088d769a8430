import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Target } from '../../cli/target.ts';
import { triageListCommand } from '../../cli/triage-command.ts';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';
import type { InboundEmail } from '../../functions/domain/inbound-email.ts';
import { inboundEmail } from '../helpers/inbound-email.ts';
import { ALL_PASS } from '../helpers/verdicts.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

describe('intake triage list on DynamoDB Local', () => {
  let table: TestTable;

  before(async () => {
    table = await startTestTable();
  });
  after(async () => {
    await table?.stop();
  });

  it('lists each waiting message with what could not be read, also entries from before that was kept', async () => {
    const triage = new DynamoDbTriageRepository(table.db, table.tableName);
    const damaged = inboundEmail({
      readProblems: ['too-many-files: 3', 'forwarded: attachment-truncated'],
      from: null,
      fromAddresses: ['ayse.yilmaz@example.org', 'mallory@evil.test'],
      senderAmbiguity: 'several-from-headers',
      senderVerified: false,
      verdicts: { ...ALL_PASS, dmarc: 'FAIL' },
    });
    await triage.add({
      messageId: damaged.messageId,
      reason: 'no-match',
      receivedAt: damaged.receivedAt,
      suggestedCases: [],
      detail: null,
      email: damaged,
    });
    // As written before emails carried readProblems and the From facts.
    const {
      readProblems: _none,
      fromAddresses: _addresses,
      senderAmbiguity: _ambiguity,
      replyTo: _replyTo,
      ...olderEmail
    } = inboundEmail({ messageId: 'older0entry' });
    await triage.add({
      messageId: 'older0entry',
      reason: 'ambiguous',
      receivedAt: '2026-11-01T09:00:00.000Z',
      suggestedCases: ['ABH-2026-000101', 'ABH-2026-000102'],
      detail: null,
      email: olderEmail as InboundEmail,
    });

    const lines: string[] = [];
    const code = await triageListCommand(
      { db: table.db, tableName: table.tableName } as Target,
      false,
      (line) => lines.push(line),
    );

    assert.equal(code, 0);
    assert.deepEqual(lines, [
      '2026-11-01T09:00:00.000Z  older0entry  ambiguous  suggested: ABH-2026-000101, ABH-2026-000102',
      '    from: ayse.yilmaz@example.org — SES authenticated the sender (SPF PASS, DKIM PASS, DMARC PASS)',
      `${damaged.receivedAt}  ${damaged.messageId}  no-match`,
      '    from: unclear (several-from-headers: ayse.yilmaz@example.org, mallory@evil.test) — SES did NOT authenticate the sender (SPF PASS, DKIM PASS, DMARC FAIL)',
      '    ! 3 Datei(en) wurden nicht einzeln abgelegt (zu viele Dateien in einer E-Mail); sie sind nur in der Original-E-Mail.',
      '    ! In einer weitergeleiteten E-Mail: Eine Datei bricht vorzeitig ab (beschädigte E-Mail); sie ist so abgelegt, wie sie ankam.',
    ]);
    assert.deepEqual((await triage.get('older0entry'))?.email?.readProblems, []);
  });

  it('a message held again counts the runs; a slower earlier run or another reason never overwrites', async () => {
    const triage = new DynamoDbTriageRepository(table.db, table.tableName);
    const held = {
      messageId: 'held0again',
      reason: 'processing-error' as const,
      receivedAt: '2026-11-02T09:00:00.000Z',
      suggestedCases: [],
      detail: 'InternalError',
    };
    await triage.hold({ ...held, attempts: 1 });
    await triage.hold({ ...held, detail: 'ThrottlingException', attempts: 2 });
    await triage.hold({ ...held, detail: 'LateReplayOfRunOne', attempts: 1 });
    // Held at another time by the later run: the entry keeps its place (first receivedAt).
    await triage.hold({
      ...held,
      receivedAt: '2026-11-03T09:00:00.000Z',
      detail: 'ThrottlingException',
      attempts: 2,
    });
    assert.deepEqual(
      (await triage.list())
        .filter((e) => e.messageId === 'held0again')
        .map((e) => [e.receivedAt, e.detail, e.attempts]),
      [['2026-11-02T09:00:00.000Z', 'ThrottlingException', 2]],
    );

    await triage.add({ ...held, messageId: 'triaged0first', reason: 'no-match' });
    await triage.hold({ ...held, messageId: 'triaged0first', attempts: 2 });
    assert.equal((await triage.get('triaged0first'))?.reason, 'no-match');

    const lines: string[] = [];
    await triageListCommand({ db: table.db, tableName: table.tableName } as Target, false, (line) =>
      lines.push(line),
    );
    assert.ok(
      lines.includes(
        '2026-11-02T09:00:00.000Z  held0again  processing-error  (ThrottlingException; runs: 2)',
      ),
    );
  });
});
