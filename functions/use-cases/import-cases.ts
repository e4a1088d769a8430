import type { CaseRepository } from '../domain/case-repository.ts';
import { CaseExistsError, InvalidCaseError, type OpenCase, type OpenCaseRequest } from './open-case.ts';

/** One row of an import, with the line it came from (for error reports). */
export interface ImportRow {
  readonly line: number;
  readonly request: OpenCaseRequest | { readonly problem: string };
}

export interface ImportReport {
  readonly created: readonly string[];
  /** References imported before (same applicant): left unchanged, so a re-import is harmless. */
  readonly unchanged: readonly string[];
  readonly rejected: readonly { readonly line: number; readonly problems: readonly string[] }[];
}

/** Names compared as people write them again: case, spacing and Unicode form do not count. */
const sameName = (a: string, b: string): boolean => {
  const plain = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
  return plain(a) === plain(b);
};

/**
 * Imports cases row by row: bad rows are reported with their line, the rest imported. A row
 * whose reference is already a case is that case imported before when the applicant is the same
 * (unchanged); otherwise the reference belongs to someone else and the row is refused.
 */
export class ImportCases {
  readonly #openCase: OpenCase;
  readonly #cases: CaseRepository;

  constructor(openCase: OpenCase, cases: CaseRepository) {
    this.#openCase = openCase;
    this.#cases = cases;
  }

  /** @param options.notify send each new case's applicant the checklist (the office decides; off by default). */
  async run(rows: readonly ImportRow[], options: { notify?: boolean } = {}): Promise<ImportReport> {
    const created: string[] = [];
    const unchanged: string[] = [];
    const rejected: { line: number; problems: string[] }[] = [];
    for (const row of rows) {
      if ('problem' in row.request) {
        rejected.push({ line: row.line, problems: [row.request.problem] });
        continue;
      }
      if (row.request.reference === undefined || row.request.reference.trim() === '') {
        // Without the office's reference a re-import would open the case again.
        rejected.push({ line: row.line, problems: ['the case reference is missing'] });
        continue;
      }
      try {
        created.push((await this.#openCase.run(row.request, { notify: options.notify ?? false })).reference);
      } catch (error) {
        if (error instanceof InvalidCaseError) {
          rejected.push({ line: row.line, problems: [...error.problems] });
        } else if (error instanceof CaseExistsError) {
          const existing = await this.#cases.get(error.reference);
          if (existing !== null && sameName(existing.applicantName, row.request.applicantName)) {
            unchanged.push(error.reference);
          } else {
            rejected.push({
              line: row.line,
              problems: [`${error.reference} is already the case of another applicant; left unchanged`],
            });
          }
        } else throw error;
      }
    }
    return { created, unchanged, rejected };
  }
}
