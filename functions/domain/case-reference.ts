/**
 * The case reference (Aktenzeichen): the office's identifier of one case, e.g. `ABH-2026-004711`
 * (prefix, year, running number). Applicants type it by hand on phones, so it is found tolerant
 * of case, spacing and separators (`abh 2026/4711`, `ABH2026004711`, `Abh – 2026 – 4711`) and
 * always written back in one canonical form.
 *
 * Precision comes before recall: a wrong reference files passports into a stranger's case, a
 * missed one only sends the message to a person (triage). So candidates that look like part of a
 * date (`ABH 2026-04-11`), a longer number, or a word are not references.
 */
export interface CaseReferenceFormat {
  /** Office prefixes in use, e.g. `['ABH']`. */
  readonly prefixes: readonly string[];
  /** Digits of the running number; shorter numbers are zero-padded on normalisation. */
  readonly numberDigits: number;
}

/** The default format; a deployment sets its own in its stage config. */
export const DEFAULT_CASE_REFERENCE_FORMAT: CaseReferenceFormat = { prefixes: ['ABH'], numberDigits: 6 };

export interface CaseReferenceMatcher {
  /** Every reference in the text, canonical, in order of appearance, without repeats. */
  findAll(text: string): string[];
  /** The canonical form of one reference, or null when it is not one. */
  normalise(candidate: string): string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Letters that look like Latin capitals and come from Cyrillic or Greek keyboards (`АВН` typed on
 * a Russian layout), and the Turkish dotted/dotless i, which no case-insensitive match folds to
 * `I`. Each maps to one character, so positions in the text stay where they were.
 */
const LOOKALIKE_FROM = 'АВЕКМНОРСТХУаеорсхуΑΒΕΗΙΚΜΝΟΡΤΧΥΖİı';
const LOOKALIKE_TO = 'ABEKMHOPCTXYaeopcxyABEHIKMNOPTXYZIi';
const LOOKALIKES: ReadonlyMap<string, string> = new Map(
  [...LOOKALIKE_FROM].map((letter, i) => [letter, LOOKALIKE_TO[i]!]),
);
const LOOKALIKE_PATTERN = new RegExp(`[${LOOKALIKE_FROM}]`, 'gu');

/**
 * Arabic-Indic (٠–٩, U+0660) and Persian (۰–۹, U+06F0) digits: an applicant on an Arabic or
 * Persian keyboard types the reference with them, and the Arabic date in our own mail may show
 * them. NFKC leaves them alone, so each is mapped to its ASCII digit, one to one.
 */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/gu;
const easternDigit = (digit: string): string => {
  const code = digit.codePointAt(0)!;
  return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
};

/**
 * Direction marks typed or pasted between the parts in right-to-left text (LRM, RLM, ALM):
 * each becomes a space, which the separators allow.
 */
const DIRECTION_MARKS = /[\u200e\u200f\u061c]/gu;

/**
 * Full-width digits and letters (Asian keyboards) become ASCII, Arabic-Indic and Persian digits
 * ASCII digits, look-alikes Latin letters.
 */
function foldForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(EASTERN_DIGITS, easternDigit)
    .replace(DIRECTION_MARKS, ' ')
    .replace(LOOKALIKE_PATTERN, (letter) => LOOKALIKES.get(letter) ?? letter);
}

export function createCaseReferenceMatcher(format: CaseReferenceFormat): CaseReferenceMatcher {
  if (format.prefixes.length === 0) throw new Error('A case reference format needs at least one prefix');
  const canonicalPrefixes = new Map(
    format.prefixes.map((p) => [foldForMatching(p).toUpperCase(), p.toUpperCase()]),
  );
  const prefixes = [...canonicalPrefixes.keys()].map(escapeRegExp).join('|');
  // Separators people type between the parts: spaces, dashes of any kind, slash, dot, underscore,
  // colon, hash; at most three (`ABH - 2026 / 4711`).
  const sep = '[\\s\\-\\u2010-\\u2015\\u2212/._:#]{0,3}';
  const source =
    // Not glued to a preceding letter or digit (`XABH…`, `1ABH…`).
    `(?<![\\p{L}\\p{N}])(${prefixes})${sep}(20\\d\\d)${sep}(\\d{1,${format.numberDigits}})` +
    // Not followed by more digits (a longer number), nor by a separator and a digit (a date such
    // as `ABH 2026-04-11`, or a phone extension).
    `(?!\\p{N})(?![\\-\\u2010-\\u2015/.:]\\p{N})`;
  const anywhere = new RegExp(source, 'giu');
  const whole = new RegExp(`^${source}$`, 'iu');

  const canonical = (prefix: string, year: string, number: string): string | null => {
    // A running number of zero is no case.
    if (/^0+$/.test(number)) return null;
    const configured = canonicalPrefixes.get(prefix.toUpperCase()) ?? prefix.toUpperCase();
    return `${configured}-${year}-${number.padStart(format.numberDigits, '0')}`;
  };

  return {
    findAll(text: string): string[] {
      const found: string[] = [];
      for (const match of foldForMatching(text).matchAll(anywhere)) {
        const [, prefix = '', year = '', number = ''] = match;
        const reference = canonical(prefix, year, number);
        if (reference !== null && !found.includes(reference)) found.push(reference);
      }
      return found;
    },
    normalise(candidate: string): string | null {
      const match = whole.exec(foldForMatching(candidate).trim());
      if (match === null) return null;
      const [, prefix = '', year = '', number = ''] = match;
      return canonical(prefix, year, number);
    },
  };
}
