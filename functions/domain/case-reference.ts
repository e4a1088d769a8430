/**
 * The case reference (Aktenzeichen): the office's identifier of one case, e.g. `ABH-2026-004711`.
 * Applicants type it by hand on phones, so it is found tolerant of case, spacing and separators
 * (`abh 2026/4711`, `ABH2026004711`) and always written back in one canonical form.
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

export function createCaseReferenceMatcher(format: CaseReferenceFormat): CaseReferenceMatcher {
  if (format.prefixes.length === 0) throw new Error('A case reference format needs at least one prefix');
  const prefixes = format.prefixes.map((p) => escapeRegExp(p.toUpperCase())).join('|');
  // Separators people use between the parts: space, dash (any dash), slash, dot, underscore.
  const sep = '[\\s\\-\\u2010-\\u2015/._]{0,3}';
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${prefixes})${sep}(20\\d\\d)${sep}(\\d{1,${format.numberDigits}})(?![\\p{N}])`,
    'giu',
  );
  const canonical = (prefix: string, year: string, number: string): string =>
    `${prefix.toUpperCase()}-${year}-${number.padStart(format.numberDigits, '0')}`;

  return {
    findAll(text: string): string[] {
      const found: string[] = [];
      for (const match of text.matchAll(pattern)) {
        const [, prefix = '', year = '', number = ''] = match;
        const reference = canonical(prefix, year, number);
        if (!found.includes(reference)) found.push(reference);
      }
      return found;
    },
    normalise(candidate: string): string | null {
      const match = new RegExp(`^${pattern.source}$`, 'iu').exec(candidate.trim());
      if (match === null) return null;
      const [, prefix = '', year = '', number = ''] = match;
      return canonical(prefix, year, number);
    },
  };
}
