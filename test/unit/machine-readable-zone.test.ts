import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMrz, mrzNotes } from '../../functions/domain/machine-readable-zone.ts';
import { AYSE } from '../helpers/document-texts.ts';
import { passportMrz, residenceCardMrz } from '../helpers/mrz-specimen.ts';

const now = new Date('2026-12-02T12:00:00Z');

describe('findMrz', () => {
  it('reads a passport MRZ among other lines, with number, dates and check digits', () => {
    const reading = findMrz(
      ['REPUBLIC OF TÜRKİYE', 'PASAPORT', ...passportMrz(AYSE), 'Imza'].join('\n'),
      now,
    );
    assert.deepEqual(reading, {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'TUR',
      documentNumber: 'U18273645',
      surname: 'YILMAZ',
      givenNames: 'AYSE',
      birthDate: '1990-03-14',
      expiryDate: '2031-05-20',
      checkDigitsValid: true,
    });
  });

  it('reads what OCR makes of it: fillers read as letters, spaces inside, fillers dropped at the end', () => {
    const [line1, line2] = passportMrz(AYSE);
    const noisy = [line1.replace(/<{20}$/, '<Z<ZZZZEZZZZZZLZZZZZZZ<Z<'), line2.replace('TUR', 'T UR')];
    assert.equal(findMrz(noisy.join('\n'), now)?.checkDigitsValid, true);
    const short = [line1.slice(0, 42), line2];
    assert.equal(findMrz(short.join('\n'), now)?.documentNumber, 'U18273645');
  });

  it('reads a residence card (TD1, three lines of 30)', () => {
    const reading = findMrz(residenceCardMrz({ ...AYSE, documentNumber: 'Y2X4K7L9M' }).join('\n'), now);
    assert.deepEqual(
      [reading?.format, reading?.documentCode, reading?.checkDigitsValid],
      ['TD1', 'AR', true],
    );
  });

  it('finds nothing in ordinary text', () => {
    assert.equal(findMrz('Mietvertrag\nKaltmiete 620,00 EUR\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', now), null);
  });
});

describe('mrzNotes', () => {
  const reading = findMrz(passportMrz(AYSE).join('\n'), now)!;

  it('has nothing to say about the applicant’s own valid passport, transliterated names included', () => {
    assert.deepEqual(mrzNotes(reading, { applicantName: 'Ayşe Yılmaz', birthDate: '1990-03-14' }, now), []);
    const muller = findMrz(
      passportMrz({ ...AYSE, surname: 'Mueller', givenNames: 'Juergen' }).join('\n'),
      now,
    )!;
    assert.deepEqual(mrzNotes(muller, { applicantName: 'Jürgen Müller' }, now), []);
  });

  it('says when the name or birth date is another person’s', () => {
    assert.deepEqual(mrzNotes(reading, { applicantName: 'Elif Kaya' }, now), [
      'Dokument einer anderen Person? Name im Dokument weicht vom Vorgang ab',
    ]);
    assert.deepEqual(mrzNotes(reading, { applicantName: 'Ayşe Yılmaz', birthDate: '1990-03-15' }, now), [
      'Dokument einer anderen Person? Geburtsdatum im Dokument weicht vom Vorgang ab',
    ]);
  });
});
