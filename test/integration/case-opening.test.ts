import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { ImportCases } from '../../functions/use-cases/import-cases.ts';
import { CaseExistsError, InvalidCaseError, OpenCase } from '../../functions/use-cases/open-case.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

/**
 * Opening cases next to imported ones (DynamoDB Local): the office's references and the ones the
 * counter draws share one namespace, so neither may ever land on a case that is there.
 */
describe('Opening cases beside imported ones (DynamoDB Local)', () => {
  let table: TestTable;
  let cases: ReturnType<typeof caseRepository>;
  // A year no other test draws in, so the counter starts at 1 here.
  const year = 2031;
  const openCase = (): OpenCase =>
    new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
      now: () => new Date(`${year}-03-01T10:00:00Z`),
    });

  before(async () => {
    table = await startTestTable();
    cases = caseRepository(table.db, table.tableName, {});
  });

  after(async () => {
    await table?.stop();
  });

  it('a drawn reference that an imported case already has is skipped, and the imported case stays as it was', async () => {
    await openCase().run({
      reference: `ABH-${year}-000001`,
      applicantName: 'Imported First',
      contacts: ['first@example.org'],
    });
    await openCase().run({
      reference: `ABH-${year}-000003`,
      applicantName: 'Imported Third',
      contacts: ['third@example.org'],
    });

    const drawn = await openCase().run({ applicantName: 'New Applicant', contacts: ['new@example.org'] });
    const next = await openCase().run({ applicantName: 'Next Applicant', contacts: ['next@example.org'] });

    assert.deepEqual(drawn, { reference: `ABH-${year}-000004`, outcome: 'created' });
    assert.deepEqual(next, { reference: `ABH-${year}-000005`, outcome: 'created' });
    assert.equal((await cases.get(`ABH-${year}-000001`))!.applicantName, 'Imported First');
    assert.equal((await cases.get(`ABH-${year}-000004`))!.applicantName, 'New Applicant');
    assert.deepEqual(
      (await cases.casesByContact('new@example.org')).map((c) => c.reference),
      [`ABH-${year}-000004`],
    );
  });

  it('a drawn reference taken by a case the counter never saw is skipped', async () => {
    // The counter cannot know every case; the conditional write does.
    const raceYear = 2032;
    const open = new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
      now: () => new Date(`${raceYear}-03-01T10:00:00Z`),
    });
    const first = await open.run({ applicantName: 'Drawn', contacts: ['drawn@example.org'] });
    assert.equal(first.reference, `ABH-${raceYear}-000001`);
    // Written behind the counter's back, as by an older version or a restored backup.
    const template = (await cases.get(first.reference))!;
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...template,
          pk: `CASE#ABH-${raceYear}-000002`,
          sk: 'CASE',
          type: 'case',
          reference: `ABH-${raceYear}-000002`,
          applicantName: 'Imported Behind The Counter',
        },
      }),
    );
    const opened = await open.run({ applicantName: 'After', contacts: ['after@example.org'] });
    assert.equal(opened.reference, `ABH-${raceYear}-000003`);
    assert.equal((await cases.get(`ABH-${raceYear}-000002`))!.applicantName, 'Imported Behind The Counter');
  });

  it('an explicit reference that exists is refused, and the case is left as it was', async () => {
    await openCase().run({
      reference: `ABH-${year}-000101`,
      applicantName: 'Owner',
      contacts: ['o@example.org'],
    });

    await assert.rejects(
      openCase().run({
        reference: `abh ${year}/101`,
        applicantName: 'Intruder',
        contacts: ['i@example.org'],
      }),
      (error: unknown) =>
        error instanceof CaseExistsError &&
        error.reference === `ABH-${year}-000101` &&
        /exists already/.test(error.message),
    );
    const kept = (await cases.get(`ABH-${year}-000101`))!;
    assert.deepEqual([kept.applicantName, kept.contacts], ['Owner', ['o@example.org']]);
    assert.deepEqual(await cases.casesByContact('i@example.org'), []);
  });

  it('an import leaves a case it brought before unchanged, and refuses a row whose reference is another applicant’s', async () => {
    await openCase().run({
      reference: `ABH-${year}-000201`,
      applicantName: 'Same Person',
      contacts: ['s@example.org'],
    });
    await openCase().run({
      reference: `ABH-${year}-000202`,
      applicantName: 'Drawn Here',
      contacts: ['d@example.org'],
    });

    const report = await new ImportCases(openCase(), cases).run([
      {
        line: 2,
        request: {
          reference: `ABH-${year}-000201`,
          applicantName: ' same  person ',
          contacts: ['s@example.org'],
        },
      },
      {
        line: 3,
        request: {
          reference: `ABH-${year}-000202`,
          applicantName: 'Someone Else',
          contacts: ['e@example.org'],
        },
      },
    ]);

    assert.deepEqual(report.unchanged, [`ABH-${year}-000201`]);
    assert.deepEqual(report.created, []);
    assert.equal(report.rejected.length, 1);
    assert.equal(report.rejected[0]!.line, 3);
    assert.match(report.rejected[0]!.problems.join(), /another applicant/);
    assert.equal((await cases.get(`ABH-${year}-000202`))!.applicantName, 'Drawn Here');
  });

  it('keeps the applicant’s birth date for comparing passports, and refuses one that is no date', async () => {
    const { reference } = await openCase().run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse.birthday@example.org'],
      birthDate: '1990-03-14',
    });
    assert.equal((await cases.get(reference))!.birthDate, '1990-03-14');
    await assert.rejects(
      openCase().run({ applicantName: 'A', contacts: ['a@example.org'], birthDate: '1990-02-30' }),
      (error: unknown) => error instanceof InvalidCaseError && /birth date "1990-02-30"/.test(error.message),
    );
  });
});
