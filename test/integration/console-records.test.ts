import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDbCaseActivityLog } from '../../functions/adapters/dynamodb-case-activity-log.ts';
import { DynamoDbCaseDirectory } from '../../functions/adapters/dynamodb-case-directory.ts';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { CloseCase, CloseCaseError } from '../../functions/use-cases/close-case.ts';
import { DismissalError, DismissTriage } from '../../functions/use-cases/dismiss-triage.ts';
import { MarkChecklistItem } from '../../functions/use-cases/mark-checklist-item.ts';
import { OpenCase } from '../../functions/use-cases/open-case.ts';
import { ShowCase } from '../../functions/use-cases/show-case.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

/** The console's records on DynamoDB Local with the table as the CDK app defines it. */
describe('console records (lists, marks, activity, dismissals)', () => {
  let table: TestTable;
  let cases: ReturnType<typeof caseRepository>;
  let directory: DynamoDbCaseDirectory;
  let activity: DynamoDbCaseActivityLog;
  let openCase: OpenCase;

  before(async () => {
    table = await startTestTable();
    cases = caseRepository(table.db, table.tableName, {});
    directory = new DynamoDbCaseDirectory(table.db, table.tableName);
    activity = new DynamoDbCaseActivityLog(table.db, table.tableName);
    openCase = new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
    });
  });
  after(() => table?.stop());

  it('lists cases by status a page at a time, newest first, and follows a status change', async () => {
    const opened: string[] = [];
    for (let i = 0; i < 5; i += 1)
      opened.push(
        (await openCase.run({ applicantName: `Person ${i}`, contacts: [`p${i}@example.org`] })).reference,
      );
    const first = await directory.list({ status: 'open', caseworker: null, pageSize: 3, after: null });
    assert.deepEqual(
      first.cases.map((c) => c.reference),
      opened.slice(2).reverse(),
    );
    assert.notEqual(first.next, null);
    const second = await directory.list({ status: 'open', caseworker: null, pageSize: 3, after: first.next });
    assert.deepEqual(
      second.cases.map((c) => c.reference),
      opened.slice(0, 2).reverse(),
    );

    assert.equal(await cases.setStatus(opened[0]!, ['open'], 'ready-for-review'), true);
    const ready = await directory.list({
      status: 'ready-for-review',
      caseworker: null,
      pageSize: 10,
      after: null,
    });
    assert.deepEqual(
      ready.cases.map((c) => c.reference),
      [opened[0]],
    );
    const open = await directory.list({ status: 'open', caseworker: null, pageSize: 10, after: null });
    assert.equal(
      open.cases.some((c) => c.reference === opened[0]),
      false,
    );
    // The domain's case carries none of the table's key attributes.
    assert.equal('gsi2pk' in ready.cases[0]!, false);
  });

  it('"mine" lists only the cases of the signed-in caseworker, in the status asked for', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Mine Only',
      contacts: ['mine@example.org'],
      caseworker: 'M.Keller@example.org',
    });
    const mine = await directory.list({
      status: 'open',
      caseworker: 'm.keller@example.org',
      pageSize: 10,
      after: null,
    });
    assert.deepEqual(
      mine.cases.map((c) => c.reference),
      [reference],
    );
    const none = await directory.list({
      status: 'closed',
      caseworker: 'm.keller@example.org',
      pageSize: 10,
      after: null,
    });
    assert.deepEqual(none.cases, []);
  });

  it('finds a case by any word of the name, written without its accents or in capitals', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Ayşe Yılmaz-Öztürk',
      contacts: ['a@example.org'],
    });
    for (const search of ['yilmaz', 'YILM', 'öztürk', 'ozturk', 'Ayse'])
      assert.deepEqual(
        (await directory.byName(search, 10)).map((c) => c.reference),
        [reference],
        search,
      );
    assert.deepEqual(await directory.byName('nobody', 10), []);
  });

  it('a page position changed by hand starts the list again instead of failing', async () => {
    const page = await directory.list({
      status: 'open',
      caseworker: null,
      pageSize: 2,
      after: 'not-a-cursor',
    });
    assert.equal(page.cases.length, 2);
  });

  it('a tick by hand with a note fulfils the item, is on the activity, and an untick takes it back', async () => {
    const { reference } = await openCase.run({ applicantName: 'Tick Test', contacts: ['t@example.org'] });
    let minute = 0;
    const clock = (): Date => new Date(Date.UTC(2026, 11, 2, 10, (minute += 1)));
    const mark = new MarkChecklistItem({ cases, marks: cases, activity, now: clock });
    await mark.run(reference, 'passport', true, 'Original am Schalter gesehen', 'm.keller@example.org');
    const show = new ShowCase(cases);
    let view = await show.run(reference);
    const passport = view!.checklist.find((i) => i.id === 'passport')!;
    assert.equal(passport.fulfilled, true);
    assert.equal(passport.manual?.note, 'Original am Schalter gesehen');
    assert.equal(view!.missing.includes('passport'), false);
    await mark.run(reference, 'passport', false, 'Doch abgelaufen', 'm.keller@example.org');
    view = await show.run(reference);
    assert.equal(view!.checklist.find((i) => i.id === 'passport')!.fulfilled, false);
    const recorded = await activity.list(reference);
    assert.deepEqual(
      recorded.map((a) => [a.kind, a.caseworker, a.detail]),
      [
        ['item-ticked', 'm.keller@example.org', 'Original am Schalter gesehen'],
        ['item-unticked', 'm.keller@example.org', 'Doch abgelaufen'],
      ],
    );
    await assert.rejects(mark.run(reference, 'no-such-item', true, 'x', 'm@example.org'), /nicht/);
    await assert.rejects(mark.run(reference, 'passport', true, '  ', 'm@example.org'), /Notiz/);
  });

  it('closing a case sets it closed once, on the activity with who', async () => {
    const { reference } = await openCase.run({ applicantName: 'Close Test', contacts: ['c@example.org'] });
    const close = new CloseCase({ cases, activity });
    await close.run(reference, 'Titel ausgehändigt', 'm.keller@example.org');
    assert.equal((await cases.get(reference))?.status, 'closed');
    const closedList = await directory.list({
      status: 'closed',
      caseworker: null,
      pageSize: 10,
      after: null,
    });
    assert.ok(closedList.cases.some((c) => c.reference === reference));
    await assert.rejects(close.run(reference, '', 'm.keller@example.org'), CloseCaseError);
    assert.deepEqual(
      (await activity.list(reference)).map((a) => a.kind),
      ['case-closed'],
    );
  });

  it('dismissing a waiting email takes it off the list and keeps who and why; a second time is refused', async () => {
    const triage = new DynamoDbTriageRepository(table.db, table.tableName, { retentionDays: 30 });
    await triage.add({
      messageId: 'dismiss0message',
      reason: 'no-match',
      receivedAt: '2026-12-02T09:00:00.000Z',
      suggestedCases: [],
      detail: null,
    });
    const dismiss = new DismissTriage({ triage, dismissals: triage });
    await assert.rejects(dismiss.run('dismiss0message', ' ', 'm.keller@example.org'), DismissalError);
    await dismiss.run('dismiss0message', 'Werbung', 'm.keller@example.org');
    assert.equal(await triage.get('dismiss0message'), null);
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const record = await table.db.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: 'DISMISSED#dismiss0message', sk: 'DISMISSED' },
      }),
    );
    assert.equal(record.Item?.reason, 'Werbung');
    assert.equal(record.Item?.caseworker, 'm.keller@example.org');
    assert.equal(record.Item?.triageReason, 'no-match');
    assert.equal(typeof record.Item?.expiresAt, 'number');
    await assert.rejects(dismiss.run('dismiss0message', 'Werbung', 'm.keller@example.org'), DismissalError);
  });
});
