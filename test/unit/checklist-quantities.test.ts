import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checklistState,
  itemsPossiblyCovered,
  missingItems,
  type CaseDocument,
  type CaseFile,
} from '../../functions/domain/case-file.ts';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { recogniseContent, recognitionByName } from '../../functions/domain/content-recognition.ts';
import { payslipDe, passportPage, textOf, type DocumentPages } from '../helpers/document-texts.ts';

const checklist = checklistFor('residence-permit-extension')!;
const caseFile: CaseFile = {
  reference: 'ABH-2026-000101',
  applicantName: 'Ayşe Yılmaz',
  contacts: ['ayse.yilmaz@example.org'],
  language: 'de',
  caseworker: 'team@abh.example.org',
  requestType: checklist.requestType,
  status: 'open',
  checklist,
  openedAt: '2026-11-01T10:00:00Z',
};
const now = new Date('2026-12-02T12:00:00Z');
let counter = 0;

function documentOf(pages: DocumentPages, filename: string): CaseDocument {
  counter += 1;
  const recognition = recogniseContent({ pages: textOf(pages), filename }, checklist, caseFile, now);
  return {
    sha256: String(counter).padStart(64, '0'),
    filename,
    detectedType: 'application/pdf',
    size: 1000,
    checklistItem: recognition.item,
    assignedBy: recognition.item === null ? null : 'recognition',
    messageId: 'm',
    receivedAt: '2026-12-01T10:00:00Z',
    location: { bucket: 'b', key: 'k' },
    recognition: { ...recognition, status: 'done' },
  };
}

const item = (documents: CaseDocument[], id: string) =>
  checklistState(caseFile, documents).find((i) => i.id === id)!;

describe('checklist quantities', () => {
  it('one payslip does not tick "the last three months"', () => {
    const state = item([documentOf(payslipDe(9), 'scan0001.pdf')], 'payslips');
    assert.equal(state.fulfilled, false);
    assert.equal(state.shortfall, '1 von 3 Monaten');
  });

  it('three payslips of the same month do not either; three distinct months do', () => {
    const same = [1, 2, 3].map(() => documentOf(payslipDe(9), 'scan.pdf'));
    assert.equal(item(same, 'payslips').fulfilled, false);
    const three = [9, 10, 11].map((m) => documentOf(payslipDe(m), 'scan.pdf'));
    assert.equal(item(three, 'payslips').fulfilled, true);
  });

  it('a payslip recognised by name only counts the month its name says', () => {
    const names = ['Gehaltsabrechnung März 2026.pdf', 'Gehaltsabrechnung April 2026.pdf'];
    const documents = names.map((name, i) => ({
      ...documentOf([['']], name),
      sha256: `name${i}`,
    }));
    assert.deepEqual(
      documents.map((d) => d.recognition!.months),
      [['2026-03'], ['2026-04']],
    );
    assert.equal(item(documents, 'payslips').shortfall, '2 von 3 Monaten');
  });

  it('"Seite 1" does not tick "all pages"; pages 1 and 2 of 2 do', () => {
    const first = documentOf(passportPage(), 'Reisepass Seite 1 von 2.jpg');
    assert.equal(first.checklistItem, 'passport');
    assert.equal(item([first], 'passport').fulfilled, false);
    const byName = {
      ...first,
      recognition: { ...recognitionByName('Reisepass Seite 1.jpg', checklist), status: 'done' as const },
    };
    assert.equal(item([byName], 'passport').fulfilled, false);
    const second = documentOf(passportPage(), 'Reisepass Seite 2 von 2.jpg');
    assert.equal(item([first, second], 'passport').fulfilled, true);
    const unmarked = documentOf(passportPage(), 'IMG_1.jpg');
    assert.equal(item([unmarked], 'passport').fulfilled, true);
  });

  it('a document waiting for confirmation does not tick its item, and no query asks for it', () => {
    const other = documentOf(
      passportPage({
        ...{
          surname: 'Kaya',
          givenNames: 'Elif',
          birthDate: '900314',
          sex: 'F',
          expiryDate: '310520',
          documentNumber: 'U1',
          nationality: 'TUR',
        },
      }),
      'scan.jpg',
    );
    const state = item([other], 'passport');
    assert.deepEqual([state.fulfilled, state.toConfirm], [false, [other.sha256]]);
    assert.ok(missingItems(caseFile, [other]).some((i) => i.id === 'passport'));
    assert.ok(itemsPossiblyCovered(caseFile, [other]).has('passport'));
    const confirmed = { ...other, confirmedBy: 'sb@abh.example.org', confirmedAt: now.toISOString() };
    assert.equal(item([confirmed], 'passport').fulfilled, true);
  });

  it('a file not read yet, or with nothing legible, may be anything: no query until someone looks', () => {
    const unread = {
      ...documentOf([['']], 'IMG_20261128_142233.jpg'),
      recognition: { ...recognitionByName('IMG_20261128_142233.jpg', checklist), status: 'pending' as const },
    };
    assert.equal(itemsPossiblyCovered(caseFile, [unread]).size, checklist.items.length);
    const illegible = documentOf([['']], 'IMG_20261128_142233.jpg');
    assert.equal(itemsPossiblyCovered(caseFile, [illegible]).size, checklist.items.length);
    const looked = { ...illegible, assignedBy: 'caseworker' as const, confirmedBy: 'sb' };
    assert.equal(itemsPossiblyCovered(caseFile, [looked]).size, 0);
  });
});
