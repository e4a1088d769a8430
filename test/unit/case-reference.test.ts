import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';

const matcher = createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT);

describe('createCaseReferenceMatcher', () => {
  describe('finds references however they were typed', () => {
    const typed: [string, string][] = [
      ['ABH-2026-004711', 'the canonical form'],
      ['abh-2026-004711', 'lower case'],
      ['Abh 2026 4711', 'spaces and a short number'],
      ['ABH2026004711', 'no separators at all'],
      ['ABH/2026/4711', 'slashes'],
      ['ABH.2026.4711', 'dots'],
      ['ABH_2026_004711', 'underscores'],
      ['ABH – 2026 – 4711', 'spaced en dashes'],
      ['ABH—2026—4711', 'em dashes'],
      ['ABH\u00a02026\u00a04711', 'no-break spaces'],
      ['ABH - 2026 / 004711', 'mixed separators, three characters each'],
      ['Az.: ABH:2026:4711', 'colons'],
      ['ＡＢＨ－２０２６－４７１１', 'full-width characters from an Asian keyboard'],
      ['АВН-2026-4711', 'Cyrillic look-alike letters from a Russian keyboard'],
    ];
    for (const [text, how] of typed) {
      it(`reads ${JSON.stringify(text)} (${how}) as ABH-2026-004711`, () => {
        assert.deepEqual(matcher.findAll(`Mein Aktenzeichen: ${text}, danke.`), ['ABH-2026-004711']);
      });
    }
  });

  describe('finds references in the places applicants put them', () => {
    it('in a German sentence', () => {
      assert.deepEqual(
        matcher.findAll('Sehr geehrte Damen und Herren, zu meinem Antrag (Az. ABH-2026-4711) sende ich …'),
        ['ABH-2026-004711'],
      );
    });

    it('in an English subject after reply prefixes', () => {
      assert.deepEqual(matcher.findAll('RE: AW: Your application abh 2026 815 - documents'), [
        'ABH-2026-000815',
      ]);
    });

    it('in a Turkish sentence with dotted and dotless i around it', () => {
      assert.deepEqual(matcher.findAll('Dosya numaram: abh 2026/4711, İyi günler, teşekkür ederim'), [
        'ABH-2026-004711',
      ]);
    });

    it('written with Arabic-Indic digits (٠–٩) in an Arabic sentence', () => {
      assert.deepEqual(matcher.findAll('رقم الملف: ABH-٢٠٢٦-٠٠٤٧١١، مع الشكر'), ['ABH-2026-004711']);
      assert.equal(matcher.normalise('ABH ٢٠٢٦ ٤٧١١'), 'ABH-2026-004711');
    });

    it('written with Persian digits (۰–۹), and with direction marks between the parts', () => {
      assert.deepEqual(matcher.findAll('شماره پرونده: ABH-۲۰۲۶-۰۰۴۷۱۱'), ['ABH-2026-004711']);
      assert.deepEqual(matcher.findAll('الملف ABH\u200f-٢٠٢٦\u200f-٤٧١١'), ['ABH-2026-004711']);
    });

    it('in a file name glued to words by underscores', () => {
      assert.deepEqual(matcher.findAll('Reisepass_ABH-2026-004711_Seite1.pdf'), ['ABH-2026-004711']);
    });

    it('in a signed plus-address tag', () => {
      assert.deepEqual(matcher.findAll('ABH-2026-004711.a9f3c2'), ['ABH-2026-004711']);
    });

    it('several, in order of appearance, each once', () => {
      assert.deepEqual(matcher.findAll('ABH-2026-2, abh 2025 1 und nochmals ABH2026000002'), [
        'ABH-2026-000002',
        'ABH-2025-000001',
      ]);
    });
  });

  describe('does not mistake other numbers for references', () => {
    const notReferences: [string, string][] = [
      ['+49 211 2026 4711', 'a phone number'],
      ['DE89 3704 0044 0532 0130 00', 'an IBAN'],
      ['Termin am 2026-04-11', 'an ISO date'],
      ['Termin bei der ABH 2026-04-11', 'a date right after the office name'],
      ['ABH 11.04.2026', 'a German date after the office name'],
      ['ABH-2026-0047111', 'a running number with too many digits'],
      ['ABH-1999-004711', 'a year outside 2000–2099'],
      ['ABH-2026', 'a year without a number'],
      ['XABH-2026-004711', 'the prefix glued to a word'],
      ['1ABH-2026-004711', 'the prefix glued to a digit'],
      ['ABHANDLUNG 2026 12', 'a word that starts like the prefix'],
      ['ABH - - 2026 - - 4711', 'more than three separator characters'],
      ['ABH-2026-000000', 'a running number of zero'],
      ['Rechnung 2026-004711', 'the number without the prefix'],
      ['ABH ٢٠٢٦-٠٤-١١', 'a date in Arabic-Indic digits after the office name'],
      ['ABH-٢٠٢٦-٠٠٤٧١١١', 'Arabic-Indic digits, too many'],
    ];
    for (const [text, what] of notReferences) {
      it(`finds nothing in ${JSON.stringify(text)} (${what})`, () => {
        assert.deepEqual(matcher.findAll(text), []);
      });
    }
  });

  describe('normalise', () => {
    it('writes one reference in canonical form', () => {
      assert.equal(matcher.normalise('  abh 2026/4711 '), 'ABH-2026-004711');
    });

    it('refuses text around a reference', () => {
      assert.equal(matcher.normalise('Az. ABH-2026-4711'), null);
    });

    it('refuses what is not a reference', () => {
      assert.equal(matcher.normalise('ABH-2026-04-11'), null);
    });
  });

  describe('a configured format', () => {
    it('finds every configured prefix and pads to the configured digits', () => {
      const custom = createCaseReferenceMatcher({ prefixes: ['ABH', 'MIG'], numberDigits: 5 });

      assert.deepEqual(custom.findAll('mig 2026 12 und ABH-2026-00034'), [
        'MIG-2026-00012',
        'ABH-2026-00034',
      ]);
    });

    it('matches a prefix with an I whether typed with a Turkish İ or ı', () => {
      const custom = createCaseReferenceMatcher({ prefixes: ['MIG'], numberDigits: 6 });

      assert.deepEqual(custom.findAll('MİG 2026 12, mıg-2026-13'), ['MIG-2026-000012', 'MIG-2026-000013']);
    });

    it('refuses a format without prefixes', () => {
      assert.throws(
        () => createCaseReferenceMatcher({ prefixes: [], numberDigits: 6 }),
        /at least one prefix/,
      );
    });
  });
});
