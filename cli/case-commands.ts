import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DynamoDbTriageRepository } from '../functions/adapters/dynamodb-triage-repository.ts';
import { createCaseReferenceMatcher } from '../functions/domain/case-reference.ts';
import { caseReferenceFormatFromEnv } from '../functions/shared/case-reference-format.ts';
import { caseRepository } from '../functions/shared/case-repository.ts';
import { AssignFromTriage } from '../functions/use-cases/assign-from-triage.ts';
import { ImportCases, type ImportRow } from '../functions/use-cases/import-cases.ts';
import { OpenCase, type OpenCaseRequest } from '../functions/use-cases/open-case.ts';
import { ReassignDocument } from '../functions/use-cases/reassign-document.ts';
import { RecordDocuments } from '../functions/use-cases/record-documents.ts';
import { ShowCase } from '../functions/use-cases/show-case.ts';
import type { Target } from './target.ts';

/** The team mailbox new cases are assigned to unless a caseworker is named. */
export function defaultCaseworker(env: NodeJS.ProcessEnv = process.env): string {
  return env.INTAKE_CASEWORKER_MAILBOX ?? 'sachbearbeitung@intake.example.org';
}

export function caseUseCases(target: Target) {
  const cases = caseRepository(target.db, target.tableName);
  const triage = new DynamoDbTriageRepository(target.db, target.tableName);
  const openCase = new OpenCase({
    cases,
    references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
    defaultCaseworker: defaultCaseworker(),
  });
  const record = new RecordDocuments(cases);
  return {
    openCase,
    importCases: new ImportCases(openCase),
    showCase: new ShowCase(cases),
    assignFromTriage: new AssignFromTriage({ triage, cases, record }),
    reassignDocument: new ReassignDocument(cases),
  };
}

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

export async function readCsvImportRows(file: string): Promise<ImportRow[]> {
  return csvImportRows(await readFile(file, 'utf8'));
}
