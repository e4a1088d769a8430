import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { CASE_LANGUAGES } from '../domain/case-file.ts';
import type { ImportRow } from '../use-cases/import-cases.ts';
import type { OpenCaseRequest } from '../use-cases/open-case.ts';

/** One CSV row of the office's case export. Columns by header name; extra columns are ignored. */
const csvRowSchema = z.object({
  reference: z.string().trim().min(1, 'the case reference is missing'),
  name: z.string().trim().min(1, 'the applicant name is missing'),
  email: z.string().trim().min(1, 'the contact email is missing'),
  language: z
    .enum(CASE_LANGUAGES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  type: z.string().trim().optional(),
  caseworker: z.string().trim().optional(),
});

/** A CSV that cannot be read as it is, with every reason (line numbers from 1). */
export class UnreadableCsvError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The CSV cannot be read: ${problems.join('; ')}`);
    this.name = 'UnreadableCsvError';
    this.problems = problems;
  }
}

export type CsvDelimiter = ',' | ';' | '\t';

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The separator, from the header line: the candidate it holds most often. Commas inside names
 * (`Müller, Jürgen`) occur in rows, not in the header, so a `;` export is not split on them.
 */
export function csvDelimiter(text: string): CsvDelimiter {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = DELIMITERS.map((d) => header.split(d).length - 1);
  const most = Math.max(...counts);
  if (most === 0)
    throw new UnreadableCsvError(['line 1: the header names no columns separated by , ; or a tab']);
  return DELIMITERS[counts.indexOf(most)]!;
}

/** Reads a CSV export into import rows; a row that does not fit is a row with its problem. */
export function csvImportRows(text: string, delimiter: CsvDelimiter = csvDelimiter(text)): ImportRow[] {
  const records = parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    info: true,
    delimiter,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map(({ record, info }) => {
    const row = csvRowSchema.safeParse(record);
    if (!row.success)
      return { line: info.lines, request: { problem: row.error.issues.map((i) => i.message).join('; ') } };
    const request: OpenCaseRequest = {
      reference: row.data.reference,
      applicantName: row.data.name,
      contacts: row.data.email.split(/[;|\s]+/).filter((e) => e !== ''),
      ...(row.data.language ? { language: row.data.language } : {}),
      ...(row.data.type ? { requestType: row.data.type } : {}),
      ...(row.data.caseworker ? { caseworker: row.data.caseworker } : {}),
    };
    return { line: info.lines, request };
  });
}
