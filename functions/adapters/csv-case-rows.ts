import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ImportRow } from '../use-cases/import-cases.ts';
import type { OpenCaseRequest } from '../use-cases/open-case.ts';

/** One CSV row of the office's case export. Columns by header name; extra columns are ignored. */
const csvRowSchema = z.object({
  reference: z.string().trim().min(1, 'the case reference is missing'),
  name: z.string().trim().min(1, 'the applicant name is missing'),
  email: z.string().trim().min(1, 'the contact email is missing'),
  language: z
    .enum(['de', 'en'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  type: z.string().trim().optional(),
  caseworker: z.string().trim().optional(),
});

/** Reads a CSV export into import rows; a row that does not fit is a row with its problem. */
export function csvImportRows(text: string): ImportRow[] {
  const records = parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    info: true,
    delimiter: text.split('\n')[0]?.includes(';') && !text.split('\n')[0]?.includes(',') ? ';' : ',',
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
