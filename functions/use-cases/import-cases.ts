import { InvalidCaseError, type OpenCase, type OpenCaseRequest } from './open-case.ts';

/** One row of an import, with the line it came from (for error reports). */
export interface ImportRow {
  readonly line: number;
  readonly request: OpenCaseRequest | { readonly problem: string };
}

export interface ImportReport {
  readonly created: readonly string[];
  /** References that existed already: left unchanged, so a re-import is harmless. */
  readonly unchanged: readonly string[];
  readonly rejected: readonly { readonly line: number; readonly problems: readonly string[] }[];
}

/** Imports cases row by row: bad rows are reported with their line, the rest imported. */
export class ImportCases {
  readonly #openCase: OpenCase;

  constructor(openCase: OpenCase) {
    this.#openCase = openCase;
  }

  async run(rows: readonly ImportRow[]): Promise<ImportReport> {
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
        const result = await this.#openCase.run(row.request);
        (result.outcome === 'created' ? created : unchanged).push(result.reference);
      } catch (error) {
        if (!(error instanceof InvalidCaseError)) throw error;
        rejected.push({ line: row.line, problems: [...error.problems] });
      }
    }
    return { created, unchanged, rejected };
  }
}
