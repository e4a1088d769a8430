import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { AssignFromTriage, AssignmentError } from '../../functions/use-cases/assign-from-triage.ts';
import { ImportCases } from '../../functions/use-cases/import-cases.ts';
import { MatchCase } from '../../functions/use-cases/match-case.ts';
import { OpenCase } from '../../functions/use-cases/open-case.ts';
import { ReassignDocument, ReassignmentError } from '../../functions/use-cases/reassign-document.ts';
import { RecordDocuments } from '../../functions/use-cases/record-documents.ts';
import { ShowCase } from '../../functions/use-cases/show-case.ts';
import { csvImportRows } from '../../functions/adapters/csv-case-rows.ts';
import { inboundEmail, storedAttachment } from '../helpers/inbound-email.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

const sha = (n: number): string => n.toString(16).padStart(64, '0');

describe('Recording documents on cases (DynamoDB Local)', () => {
  let table: TestTable;
  let cases: ReturnType<typeof caseRepository>;
  let openCase: OpenCase;
  let record: RecordDocuments;
  let showCase: ShowCase;

  before(async () => {
    table = await startTestTable();
    cases = caseRepository(table.db, table.tableName, {});
    openCase = new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
    });
    record = new RecordDocuments(cases);
    showCase = new ShowCase(cases);
  });

  after(async () => {
    await table?.stop();
  });

  it('assigns recognised documents to checklist items and logs the email with its verdicts', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['Ayse.Yilmaz@Example.org'],
    });
    const email = inboundEmail({
      subject: 'Unterlagen',
      attachments: [
        storedAttachment(sha(1), 'Reisepass_Yilmaz.pdf'),
        storedAttachment(sha(2), 'Gehaltsabrechnung März.pdf'),
        storedAttachment(sha(3), 'scan001.pdf'),
      ],
    });

    const result = await record.run(reference, email, 'matched by contact');

    assert.equal(result.added, 3);
    const view = (await showCase.run(reference))!;
    const byItem = Object.fromEntries(view.documents.map((d) => [d.sha256, d.checklistItem]));
    assert.deepEqual(byItem, { [sha(1)]: 'passport', [sha(2)]: 'payslips', [sha(3)]: null });
    assert.equal(view.log.length, 1);
    assert.equal(view.log[0]!.direction, 'in');
    assert.deepEqual(view.log[0]!.documents, [sha(1), sha(2), sha(3)]);
    assert.equal(view.log[0]!.verdicts?.dmarc, 'PASS');
    assert.deepEqual(view.case.contacts, ['ayse.yilmaz@example.org']);
    assert.ok(view.missing.includes('biometric-photo'));
    assert.ok(!view.missing.includes('passport'));
  });

  it('the same bytes sent twice are one document', async () => {
    const { reference } = await openCase.run({ applicantName: 'Twice', contacts: ['twice@example.org'] });
    const first = await record.run(
      reference,
      inboundEmail({ attachments: [storedAttachment(sha(10), 'Pass.pdf')] }),
      'x',
    );
    const second = await record.run(
      reference,
      inboundEmail({ attachments: [storedAttachment(sha(10), 'Pass-nochmal.pdf')] }),
      'x',
    );
    assert.deepEqual([first.added, second.added, second.duplicates], [1, 0, 1]);
    assert.equal((await cases.documents(reference)).length, 1);
  });

  it('held files are logged with their reason and quarantine location but are not documents of the case', async () => {
    const { reference } = await openCase.run({ applicantName: 'Held', contacts: ['held@example.org'] });
    const quarantine = { bucket: 'documents-bucket', key: `quarantine/${sha(20)}` };
    const held = {
      ...storedAttachment(sha(20), 'rechnung.exe'),
      accepted: false,
      reason: 'executable',
      location: quarantine,
    };
    const result = await record.run(reference, inboundEmail({ attachments: [held] }), 'x');
    assert.deepEqual([result.added, result.held], [0, 1]);
    const view = (await showCase.run(reference))!;
    // Where the file waits is kept, so the console can hand it out after its warning.
    assert.deepEqual(view.log[0]!.held, [
      {
        filename: 'rechnung.exe',
        reason: 'executable',
        sha256: sha(20),
        size: 1234,
        detectedType: 'application/pdf',
        location: quarantine,
      },
    ]);
    assert.equal(view.documents.length, 0);
  });

  it('a signature logo or calendar data alone is no submission: no query, nothing ticked', async () => {
    const { reference } = await openCase.run({ applicantName: 'Logo', contacts: ['logo@example.org'] });
    const logo = {
      ...storedAttachment(sha(21), 'image001.png'),
      detectedType: 'image/png',
      accepted: false,
      reason: 'inline-image',
    };
    const calendar = { ...storedAttachment(sha(22), 'invite.ics'), accepted: false, reason: 'calendar' };
    for (const attachment of [logo, calendar]) {
      const result = await record.run(
        reference,
        inboundEmail({ text: 'Vielen Dank!', attachments: [attachment] }),
        'x',
      );
      assert.deepEqual([result.added, result.next], [0, 'CaseworkerOnly']);
    }
    assert.equal((await showCase.run(reference))!.documents.length, 0);
  });

  it('five emails for one case at the same moment lose no update', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Busy',
      contacts: ['busy@example.org'],
      requestType: 'eu-blue-card',
    });
    const names = [
      'Reisepass.pdf',
      'Foto.jpg',
      'Antrag.pdf',
      'Arbeitsvertrag.pdf',
      'Krankenversicherung.pdf',
    ];
    const emails = names.map((name, i) =>
      inboundEmail({ attachments: [storedAttachment(sha(100 + i), name)] }),
    );

    const results = await Promise.all(
      emails.map((email) => record.run(reference, email, 'matched by contact')),
    );

    assert.equal(
      results.reduce((n, r) => n + r.added, 0),
      5,
    );
    const view = (await showCase.run(reference))!;
    assert.equal(view.documents.length, 5);
    assert.equal(view.log.length, 5);
    assert.deepEqual([...view.missing].sort(), ['degree-certificate', 'registration-certificate']);
  });

  it('a case whose required items have all arrived becomes ready for review', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Complete',
      contacts: ['complete@example.org'],
      requestType: 'eu-blue-card',
    });
    const names = [
      'Reisepass.pdf',
      'Foto.jpg',
      'Antrag.pdf',
      'Arbeitsvertrag.pdf',
      'Krankenversicherung.pdf',
      'Diplom.pdf',
      'Meldebescheinigung.pdf',
    ];
    const result = await record.run(
      reference,
      inboundEmail({ attachments: names.map((n, i) => storedAttachment(sha(200 + i), n)) }),
      'x',
    );
    assert.equal(result.complete, true);
    assert.equal((await cases.get(reference))!.status, 'ready-for-review');
  });

  it('new case references are unique under concurrent opening', async () => {
    const opened = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        openCase.run({ applicantName: `Parallel ${i}`, contacts: [`p${i}@example.org`] }),
      ),
    );
    const references = opened.map((o) => o.reference);
    assert.equal(new Set(references).size, 8);
    for (const reference of references) assert.match(reference, /^ABH-\d{4}-\d{6}$/);
  });

  it('a caseworker can put a document under another checklist item, but only one the checklist has', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Reassign',
      contacts: ['reassign@example.org'],
    });
    await record.run(reference, inboundEmail({ attachments: [storedAttachment(sha(300), 'scan.pdf')] }), 'x');
    const reassign = new ReassignDocument(cases);
    await reassign.run(reference, sha(300), 'rental-contract');
    const [document] = await cases.documents(reference);
    assert.deepEqual([document!.checklistItem, document!.assignedBy], ['rental-contract', 'caseworker']);
    await assert.rejects(reassign.run(reference, sha(300), 'spaceship'), ReassignmentError);
    await assert.rejects(reassign.run(reference, sha(999), 'passport'), ReassignmentError);
  });

  describe('triage assign', () => {
    it('records the triaged email on the chosen case, adds the sender as contact, and clears the entry', async () => {
      const triage = new DynamoDbTriageRepository(table.db, table.tableName);
      const { reference } = await openCase.run({
        applicantName: 'Familie',
        contacts: ['family@example.org'],
      });
      const email = inboundEmail({
        from: 'cousin@example.org',
        attachments: [storedAttachment(sha(400), 'Mietvertrag.pdf')],
      });
      const decision = await new MatchCase({
        cases,
        triage,
        replyAddressSecret: null,
        isOwnAddress: () => false,
      }).run(email);
      assert.equal(decision.outcome, 'Triage');

      const assign = new AssignFromTriage({ triage, cases, record });
      const result = await assign.run(email.messageId, reference, { addContact: true });

      assert.equal(result.added, 1);
      assert.equal(await triage.get(email.messageId), null);
      assert.deepEqual((await cases.get(reference))!.contacts, ['family@example.org', 'cousin@example.org']);
      const next = await new MatchCase({
        cases,
        triage,
        replyAddressSecret: null,
        isOwnAddress: () => false,
      }).run(inboundEmail({ from: 'cousin@example.org' }));
      assert.deepEqual(next, { outcome: 'Matched', caseReference: reference, by: 'contact' });
    });

    it('adding a contact that is there already changes nothing and is no error', async () => {
      const { reference } = await openCase.run({ applicantName: 'Twice', contacts: ['twice@example.org'] });
      await cases.addContact(reference, 'Helper@Example.org');
      await cases.addContact(reference, 'helper@example.org');
      await cases.addContact(reference, 'twice@example.org');
      assert.deepEqual((await cases.get(reference))!.contacts, ['twice@example.org', 'helper@example.org']);
      assert.deepEqual(
        (await cases.casesByContact('helper@example.org')).map((c) => c.reference),
        [reference],
      );
    });

    it('adding a contact to a case that does not exist fails', async () => {
      await assert.rejects(
        cases.addContact('ABH-2026-999990', 'nobody@example.org'),
        /No case ABH-2026-999990/,
      );
      assert.deepEqual(await cases.casesByContact('nobody@example.org'), []);
    });

    it('a transaction DynamoDB cancels for a conflict or throttling fails the assignment; the entry stays in triage', async () => {
      // DynamoDB Local cannot be made to conflict or throttle on cue: a middleware in the real
      // client answers the next TransactWriteItems as DynamoDB does then.
      const triage = new DynamoDbTriageRepository(table.db, table.tableName);
      const { reference } = await openCase.run({ applicantName: 'Busy', contacts: ['busy@example.org'] });
      const email = inboundEmail({ from: 'partner@example.org' });
      await new MatchCase({ cases, triage, replyAddressSecret: null, isOwnAddress: () => false }).run(email);
      const assign = new AssignFromTriage({ triage, cases, record });

      for (const code of ['TransactionConflict', 'ThrottlingError']) {
        table.db.middlewareStack.add(
          (next, context) => async (args) => {
            if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
            throw new TransactionCanceledException({
              message: `Transaction cancelled, please refer cancellation reasons for specific reasons [None, ${code}]`,
              $metadata: { httpStatusCode: 400 },
              CancellationReasons: [{ Code: 'None' }, { Code: code }],
            });
          },
          { step: 'initialize', name: 'cancelTransaction' },
        );
        try {
          await assert.rejects(
            assign.run(email.messageId, reference, { addContact: true }),
            (error: unknown) => error instanceof Error && error.name === 'TransactionCanceledException',
          );
        } finally {
          table.db.middlewareStack.remove('cancelTransaction');
        }
        assert.deepEqual((await cases.get(reference))!.contacts, ['busy@example.org']);
        assert.notEqual(await triage.get(email.messageId), null);
      }

      // Once DynamoDB answers again, the same assignment goes through.
      await assign.run(email.messageId, reference, { addContact: true });
      assert.deepEqual((await cases.get(reference))!.contacts, ['busy@example.org', 'partner@example.org']);
      assert.equal(await triage.get(email.messageId), null);
    });

    it('refuses an unknown message or case', async () => {
      const triage = new DynamoDbTriageRepository(table.db, table.tableName);
      const assign = new AssignFromTriage({ triage, cases, record });
      await assert.rejects(assign.run('nope', 'ABH-2026-000001', { addContact: false }), AssignmentError);
    });
  });

  describe('CSV import', () => {
    const csv = [
      'reference,name,email,language,type,caseworker',
      'ABH-2026-050001,Ayşe Yılmaz,ayse@example.org,de,residence-permit-extension,',
      'ABH 2026 50002,John Smith,john@example.com;john.work@example.com,en,eu-blue-card,team.b@intake.example.org',
      ',No Reference,nr@example.org,de,,',
      'ABH-2026-050004,Bad Mail,not-an-address,de,,',
      'ABH-2026-050005,Unknown Type,ut@example.org,de,tourist-visa,',
      'ABH-2026-050006,Elif Kaya,elif@example.org,fr,,',
      '',
    ].join('\n');

    it('imports the good rows and reports each bad row with its line', async () => {
      const report = await new ImportCases(openCase, cases).run(csvImportRows(csv));
      assert.deepEqual(report.created, ['ABH-2026-050001', 'ABH-2026-050002']);
      assert.deepEqual(
        report.rejected.map((r) => r.line),
        [4, 5, 6, 7],
      );
      assert.match(report.rejected[1]!.problems.join(), /not-an-address/);
      assert.match(report.rejected[2]!.problems.join(), /tourist-visa/);
      const john = (await cases.get('ABH-2026-050002'))!;
      assert.deepEqual(john.contacts, ['john@example.com', 'john.work@example.com']);
      assert.equal(john.language, 'en');
      assert.equal(john.caseworker, 'team.b@intake.example.org');
    });

    it('a second import of the same file changes nothing', async () => {
      const report = await new ImportCases(openCase, cases).run(csvImportRows(csv));
      assert.deepEqual(report.created, []);
      assert.deepEqual(report.unchanged, ['ABH-2026-050001', 'ABH-2026-050002']);
    });
  });
});
