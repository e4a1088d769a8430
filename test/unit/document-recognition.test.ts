import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checklistFor } from '../../functions/domain/checklist.ts';
import { foldText, recogniseDocument } from '../../functions/domain/document-recognition.ts';

const extension = checklistFor('residence-permit-extension')!;
const family = checklistFor('family-reunification')!;
const alone = { subject: null, text: '', documentCount: 2 };

function byName(filename: string, checklist = extension): string | null {
  return recogniseDocument({ filename }, alone, checklist);
}

describe('recogniseDocument', () => {
  it('recognises German file names, compounds and umlauts included', () => {
    assert.equal(byName('Reisepass.pdf'), 'passport');
    assert.equal(byName('Reisepasskopie_Seite1.jpg'), 'passport');
    assert.equal(byName('Gehaltsabrechnung März 2026.pdf'), 'payslips');
    assert.equal(byName('Lohnabrechnungen_Jan-Maerz.pdf'), 'payslips');
    assert.equal(byName('Mietvertrag.pdf'), 'rental-contract');
    assert.equal(byName('Wohnungsgeberbestätigung.pdf'), 'registration-certificate');
    assert.equal(byName('Krankenkasse Mitgliedsbescheinigung.pdf'), 'health-insurance');
    assert.equal(byName('Passfoto.jpg'), 'biometric-photo');
  });

  it('recognises English names', () => {
    assert.equal(byName('passport_scan.pdf'), 'passport');
    assert.equal(byName('payslip-april.pdf'), 'payslips');
    assert.equal(byName('Employment Contract signed.pdf'), 'employment-contract');
    assert.equal(byName('health insurance certificate.pdf'), 'health-insurance');
    assert.equal(byName('biometric photo.png'), 'biometric-photo');
  });

  it('recognises Turkish names, with or without Turkish letters', () => {
    assert.equal(byName('Pasaport_Ayşe_Yılmaz.pdf'), 'passport');
    assert.equal(byName('maaş bordrosu mart.pdf'), 'payslips');
    assert.equal(byName('maas bordrosu nisan.pdf'), 'payslips');
    assert.equal(byName('kira sözleşmesi.pdf'), 'rental-contract');
    assert.equal(byName('Evlilik cüzdanı.pdf', family), 'marriage-certificate');
  });

  it('leaves names that say nothing, or say two things equally, unassigned', () => {
    assert.equal(byName('IMG_20261124_101500.jpg'), null);
    assert.equal(byName('scan001.pdf'), null);
    assert.equal(byName('Dokument.pdf'), null);
  });

  it('does not recognise items the case’s checklist does not have', () => {
    assert.equal(byName('Heiratsurkunde.pdf', extension), null);
    assert.equal(byName('Heiratsurkunde.pdf', family), 'marriage-certificate');
  });

  it('uses the subject and body only when the email carries one document', () => {
    const file = { filename: 'IMG_4711.jpg' };
    const checklist = extension;
    assert.equal(
      recogniseDocument(file, { subject: 'Mein Reisepass', text: '', documentCount: 1 }, checklist),
      'passport',
    );
    assert.equal(
      recogniseDocument(file, { subject: 'Mein Reisepass', text: '', documentCount: 2 }, checklist),
      null,
    );
    assert.equal(
      recogniseDocument(
        file,
        { subject: 'Unterlagen', text: 'anbei meine Gehaltsabrechnung', documentCount: 1 },
        checklist,
      ),
      'payslips',
    );
  });

  it('lets a clear file name win over the subject', () => {
    assert.equal(
      recogniseDocument(
        { filename: 'Mietvertrag.pdf' },
        { subject: 'Reisepass', text: '', documentCount: 1 },
        extension,
      ),
      'rental-contract',
    );
  });
});

describe('foldText', () => {
  it('folds German and Turkish letters to plain ones', () => {
    assert.equal(foldText('Bestätigung Straße ŞIĞ çöü ı'), 'bestatigung strasse sig cou i');
  });
});
