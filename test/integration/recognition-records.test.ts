import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCaseErasure } from '../../functions/adapters/dynamodb-case-erasure.ts';
import { DynamoDbRecognisedContentStore } from '../../functions/adapters/dynamodb-recognised-content-store.ts';
import { PdfAndOcrTextExtractor } from '../../functions/adapters/document-text-extraction.ts';
import { TesseractOcr } from '../../functions/adapters/tesseract-ocr.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import type { ObjectLocation } from '../../functions/domain/intake-request.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { ConfirmDocument } from '../../functions/use-cases/confirm-document.ts';
import { OpenCase } from '../../functions/use-cases/open-case.ts';
import { RecognizeDocuments } from '../../functions/use-cases/recognize-documents.ts';
import { RecordDocuments } from '../../functions/use-cases/record-documents.ts';
import { ShowCase } from '../../functions/use-cases/show-case.ts';
import { inboundEmail, storedAttachment } from '../helpers/inbound-email.ts';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';
import { sha256 } from '../helpers/sample-documents.ts';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'documents');

/** The document bucket, as far as recognition reads it: corpus files under documents/<sha256>. */
function corpusFiles(names: readonly string[]) {
  const bytes = new Map(names.map((name) => readFileSync(join(CORPUS, name))).map((b) => [sha256(b), b]));
  return {
    attachments: [...bytes.keys()].map((sha, i) => ({
      ...storedAttachment(sha, names[i]!),
      detectedType: names[i]!.endsWith('.jpg') ? 'image/jpeg' : 'application/pdf',
    })),
    reader: {
      async read(location: ObjectLocation): Promise<Uint8Array> {
        return bytes.get(location.key.slice('documents/'.length))!;
      },
    },
  };
}

describe('Recognition records on cases (DynamoDB Local)', () => {
  let table: TestTable;
  let cases: ReturnType<typeof caseRepository>;
  let openCase: OpenCase;
  const ocr = new TesseractOcr();

  before(async () => {
    table = await startTestTable();
    cases = caseRepository(table.db, table.tableName, {});
    openCase = new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
    });
  });

  after(async () => {
    await ocr.close();
    await table?.stop();
  });

  it('places documents by content, keeps what was read, lists what waits for a caseworker, and erasure removes it all', async () => {
    // Prepare: a payslip, a contract, someone else's passport (a photo) and an invoice
    const { reference } = await openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse@example.org'],
    });
    const names = ['scan0001.pdf', 'Dokument(2).pdf', 'IMG_20261128_142500.jpg', 'scan0004.pdf'];
    const { attachments, reader } = corpusFiles(names);
    const [payslip, contract, otherPassport, invoice] = attachments.map((a) => a.sha256) as [
      string,
      string,
      string,
      string,
    ];
    const contents = new DynamoDbRecognisedContentStore(table.db, table.tableName);
    const recorded = await new RecordDocuments(cases).run(
      reference,
      inboundEmail({ attachments }),
      'matched by contact',
    );
    const recognize = new RecognizeDocuments({
      cases,
      files: reader,
      extractor: new PdfAndOcrTextExtractor(ocr),
      contents,
      now: () => new Date('2026-12-02T12:00:00Z'),
    });

    // Act
    const result = await recognize.run(reference, recorded);

    // Assess: placed by content, with how and how sure
    assert.deepEqual([result.read, result.recognised, result.toConfirm, result.unassigned], [4, 2, 1, 1]);
    const view = (await new ShowCase(cases).run(reference))!;
    const byHash = new Map(view.documents.map((d) => [d.sha256, d]));
    assert.equal(byHash.get(payslip)!.checklistItem, 'payslips');
    assert.equal(byHash.get(contract)!.recognition!.method, 'Text: Mietvertrag für Wohnraum');
    assert.equal(byHash.get(otherPassport)!.checklistItem, 'passport');
    assert.equal(byHash.get(invoice)!.checklistItem, null);
    assert.deepEqual(view.toConfirm.map((d) => d.sha256).sort(), [otherPassport, invoice].sort());
    const flagged = view.toConfirm.find((d) => d.sha256 === otherPassport)!;
    assert.match(flagged.notes.join(), /Dokument einer anderen Person\?/);
    assert.equal(view.checklist.find((i) => i.id === 'passport')!.fulfilled, false);
    assert.ok(result.missing.includes('passport'));
    // What was read, with the MRZ's names, is in the case's partition, not in the document record.
    const kept = await contents.get(reference, otherPassport);
    assert.equal(kept?.mrz?.surname, 'KAYA');
    assert.doesNotMatch(JSON.stringify(byHash.get(otherPassport)), /KAYA/);

    // Act: the caseworker confirms the passport after looking at it
    await new ConfirmDocument(cases).run(reference, otherPassport, 'sb@abh.example.org');

    // Assess
    const confirmed = (await new ShowCase(cases).run(reference))!;
    assert.equal(confirmed.checklist.find((i) => i.id === 'passport')!.fulfilled, true);
    assert.deepEqual(
      confirmed.toConfirm.map((d) => d.sha256),
      [invoice],
    );

    // Act: erasure on request
    await new DynamoDbCaseErasure(table.db, table.tableName).erase(reference, (records) => ({
      reference,
      erasedAt: '2026-12-03T00:00:00Z',
      erasedBy: 'sb@abh.example.org',
      erased: { ...records } as never,
    }));

    // Assess: nothing read from the documents is left
    for (const sha of [payslip, contract, otherPassport, invoice]) {
      const { Item } = await table.db.send(
        new GetCommand({
          TableName: table.tableName,
          Key: { pk: `CASE#${reference}`, sk: `CONTENT#${sha}` },
        }),
      );
      assert.equal(Item, undefined, sha);
    }
  });

  it('never overwrites a caseworker who placed the document before recognition got to it', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse2@example.org'],
    });
    const { attachments, reader } = corpusFiles(['Dokument.pdf']);
    const recorded = await new RecordDocuments(cases).run(
      reference,
      inboundEmail({ attachments }),
      'matched by contact',
    );
    await cases.assignDocument(reference, attachments[0]!.sha256, 'employment-contract');

    await new RecognizeDocuments({
      cases,
      files: reader,
      extractor: new PdfAndOcrTextExtractor(ocr),
      contents: new DynamoDbRecognisedContentStore(table.db, table.tableName),
    }).run(reference, recorded);

    const [document] = await cases.documents(reference);
    assert.deepEqual([document!.checklistItem, document!.assignedBy], ['employment-contract', 'caseworker']);
  });

  it('a file its readers fail on is one file for the caseworker, not a failed step', async () => {
    const { reference } = await openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: ['ayse3@example.org'],
    });
    const damaged = readFileSync(join(CORPUS, 'Anhang.pdf')).subarray(0, 300);
    const sha = sha256(damaged);
    const attachments = [storedAttachment(sha, 'Arbeitsvertrag.pdf')];
    const recorded = await new RecordDocuments(cases).run(
      reference,
      inboundEmail({ attachments }),
      'matched by contact',
    );

    const result = await new RecognizeDocuments({
      cases,
      files: { read: async () => damaged },
      extractor: new PdfAndOcrTextExtractor(ocr),
      contents: new DynamoDbRecognisedContentStore(table.db, table.tableName),
    }).run(reference, recorded);

    assert.deepEqual([result.read, result.toConfirm], [1, 1]);
    const [document] = (await new ShowCase(cases).run(reference))!.toConfirm;
    assert.equal(document?.checklistItem, 'employment-contract');
    assert.ok(document?.notes.includes('Datei konnte nicht gelesen werden'));
  });
});
