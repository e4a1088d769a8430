import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checklistFor } from '../../functions/domain/checklist.ts';
import {
  needsConfirmation,
  recogniseContent,
  type DocumentContent,
} from '../../functions/domain/content-recognition.ts';
import {
  AYSE,
  bordro,
  employmentContract,
  employmentContractEn,
  healthInsurance,
  healthInsuranceEn,
  invoice,
  meldebescheinigung,
  passportPage,
  payslipDe,
  receipt,
  rentalContract,
  residenceCardBack,
  textOf,
  verdienstabrechnung,
  wohnungsgeberbestaetigung,
  type DocumentPages,
} from '../helpers/document-texts.ts';

const extension = checklistFor('residence-permit-extension')!;
const ayse = { applicantName: 'Ayşe Yılmaz', birthDate: '1990-03-14' };
const now = new Date('2026-12-02T12:00:00Z');

function recognise(pages: DocumentPages, filename: string | null = 'scan0001.pdf', identity = ayse) {
  const content: DocumentContent = { pages: textOf(pages), filename };
  return recogniseContent(content, extension, identity, now);
}

describe('recogniseContent', () => {
  it('recognises documents with uninformative names by their text, saying how and how sure', () => {
    const cases: [DocumentPages, string, string][] = [
      [payslipDe(9), 'payslips', 'Text: Lohn- und Gehaltsabrechnung'],
      [verdienstabrechnung(10), 'payslips', 'Text: Verdienstabrechnung'],
      [bordro(11), 'payslips', 'Text: Ücret bordrosu'],
      [rentalContract(), 'rental-contract', 'Text: Mietvertrag für Wohnraum'],
      [wohnungsgeberbestaetigung(), 'registration-certificate', 'Text: Wohnungsgeberbestätigung'],
      [meldebescheinigung(), 'registration-certificate', 'Text: Meldebescheinigung'],
      [healthInsurance(), 'health-insurance', 'Text: Mitgliedsbescheinigung'],
      [healthInsuranceEn(), 'health-insurance', 'Text: Certificate of insurance'],
      [employmentContract(), 'employment-contract', 'Text: Arbeitsvertrag'],
      [employmentContractEn(), 'employment-contract', 'Text: Employment contract'],
    ];
    for (const [pages, item, method] of cases) {
      for (const name of ['scan0001.pdf', 'IMG_20261128_142233.jpg', 'Dokument.pdf']) {
        const result = recognise(pages, name);
        assert.equal(result.item, item, `${method} as ${name}`);
        assert.equal(result.method, method);
        assert.ok(result.confidence >= 0.75, `${method}: ${result.confidence}`);
        assert.equal(needsConfirmation(result), false, method);
      }
    }
  });

  it('assigns no item to invoices and receipts, whatever they are called', () => {
    for (const pages of [invoice(), receipt()]) {
      for (const name of ['scan0001.pdf', 'IMG_20261128_142233.jpg']) {
        assert.equal(recognise(pages, name).item, null);
      }
    }
  });

  it('recognises a passport by its MRZ, with type, number and expiry and no name stored', () => {
    const result = recognise(passportPage(), 'IMG_20261128_142233.jpg');
    assert.equal(result.item, 'passport');
    assert.equal(result.method, 'MRZ');
    assert.deepEqual(result.mrz, {
      documentCode: 'P',
      documentNumber: 'U18273645',
      expiryDate: '2031-05-20',
      checkDigitsValid: true,
    });
    assert.deepEqual(result.notes, []);
    assert.equal(needsConfirmation(result), false);
    assert.doesNotMatch(JSON.stringify(result.mrz), /YILMAZ/);
  });

  it('recognises a residence card by its TD1 MRZ (document code AR)', () => {
    const result = recognise(residenceCardBack());
    assert.deepEqual([result.item, result.method, result.mrz?.documentCode], ['residence-card', 'MRZ', 'AR']);
  });

  it('flags a passport of another person to the caseworker instead of accepting or rejecting it', () => {
    const other = recognise(passportPage({ ...AYSE, surname: 'Kaya', givenNames: 'Elif' }));
    assert.equal(other.item, 'passport');
    assert.match(other.notes.map((n) => n.text).join(), /Dokument einer anderen Person\? Name/);
    assert.equal(needsConfirmation(other), true);
    const otherBirthday = recognise(passportPage({ ...AYSE, birthDate: '910314' }));
    assert.match(
      otherBirthday.notes.map((n) => n.text).join(),
      /Dokument einer anderen Person\? Geburtsdatum/,
    );
  });

  it('points out a passport expiring within three months without holding it back', () => {
    const result = recognise(passportPage({ ...AYSE, expiryDate: '270115' }));
    assert.deepEqual(result.notes, [
      { text: 'Läuft am 2027-01-15 ab (in weniger als drei Monaten)', confirm: false },
    ]);
    assert.equal(needsConfirmation(result), false);
    const expired = recognise(passportPage({ ...AYSE, expiryDate: '260101' }));
    assert.equal(needsConfirmation(expired), true);
  });

  it('asks a caseworker when the MRZ check digits do not agree', () => {
    const pages = passportPage();
    const broken = [[...pages[0]!.slice(0, -1), pages[0]!.at(-1)!.replace('U18273645', 'U18273646')]];
    const result = recognise(broken);
    assert.equal(result.item, 'passport');
    assert.equal(result.mrz?.checkDigitsValid, false);
    assert.equal(needsConfirmation(result), true);
  });

  it('reads the month a payslip is for, also in Turkish and as MM/YYYY', () => {
    assert.deepEqual(recognise(payslipDe(3)).months, ['2026-03']);
    assert.deepEqual(recognise(verdienstabrechnung(10)).months, ['2026-10']);
    assert.deepEqual(recognise(bordro(2)).months, ['2026-02']);
  });

  it('flags a scan holding several documents', () => {
    const result = recognise([...rentalContract(), ...payslipDe(4)]);
    assert.match(result.notes.map((n) => n.text).join(), /Mehrere Dokumente in einer Datei\?/);
    assert.equal(needsConfirmation(result), true);
  });

  it('takes the file name as a weak signal: alone it assigns, against the text it asks', () => {
    const byName = recognise([['']], 'Mietvertrag.pdf');
    assert.deepEqual([byName.item, byName.method], ['rental-contract', 'Dateiname']);
    const contradicted = recognise(payslipDe(5), 'Mietvertrag.pdf');
    assert.equal(contradicted.item, 'payslips');
    assert.equal(needsConfirmation(contradicted), true);
  });

  it('says when nothing legible was found', () => {
    const result = recognise([['']], 'IMG_20261128_142233.jpg');
    assert.deepEqual([result.item, result.legible], [null, false]);
  });

  it('reads page counts ("Seite 1 von 2") from the text and the file name', () => {
    assert.deepEqual(recognise(rentalContract()).pageMarkers, { numbers: [1, 2], total: 2 });
    assert.deepEqual(recognise([['']], 'Reisepass Seite 1.jpg').pageMarkers, { numbers: [1], total: null });
  });
});
