import * as z from 'zod';
import { CASE_LANGUAGES } from '../domain/case-file.ts';
import type { CaseReferenceMatcher } from '../domain/case-reference.ts';

/**
 * The caseworker API's contract: its routes and the schemas of their path parameters and JSON
 * bodies. The CDK construct builds the API Gateway resources from `CASEWORKER_API_ROUTES` and the
 * handler routes by the same list, so the two cannot drift apart.
 *
 * The schemas check shape and bounds only (a 400 when they fail); whether the values make a case
 * is the use case's decision (a 422 with every problem at once), so the rules live in one place.
 */

/** One route: an API Gateway resource path with `{parameters}` and an HTTP method. */
export interface CaseworkerApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Whether the route takes a JSON body (API Gateway validates it is a JSON object). */
  readonly body: boolean;
}

export const CASEWORKER_API_ROUTES = {
  openCase: { method: 'POST', path: '/cases', body: true },
  importCases: { method: 'POST', path: '/cases/import', body: true },
  showCase: { method: 'GET', path: '/cases/{reference}', body: false },
  eraseCase: { method: 'DELETE', path: '/cases/{reference}', body: false },
  reassignDocument: { method: 'PUT', path: '/cases/{reference}/documents/{sha256}', body: true },
  confirmDocument: { method: 'POST', path: '/cases/{reference}/documents/{sha256}/confirm', body: true },
  listTriage: { method: 'GET', path: '/triage', body: false },
  assignFromTriage: { method: 'POST', path: '/triage/{messageId}/assign', body: true },
  retryFromTriage: { method: 'POST', path: '/triage/{messageId}/retry', body: false },
  decide: { method: 'POST', path: '/cases/{reference}/decisions', body: true },
} as const satisfies Record<string, CaseworkerApiRoute>;

export type CaseworkerApiRouteName = keyof typeof CASEWORKER_API_ROUTES;

// Bounds against oversized input; generous for real values (RFC 5321 caps an address at 254).
const MAX_NAME_CHARS = 200;
const MAX_ADDRESS_CHARS = 254;
const MAX_ADDRESSES = 10;
const MAX_IDENTIFIER_CHARS = 100;

/**
 * Characters of one CSV import. A case export row is ~150 characters, so this holds
 * `MAX_IMPORT_ROWS` with room to spare; larger files are split by the caller.
 */
export const MAX_IMPORT_CSV_CHARS = 256 * 1024;

/**
 * Rows of one CSV import. Each row costs a few DynamoDB calls, and API Gateway ends a request
 * after 29 s: 500 rows finish well inside that, more might be cut off half-imported.
 */
export const MAX_IMPORT_ROWS = 500;

/** `POST /cases`: the CLI's `case open`. */
export const openCaseBodySchema = z.strictObject({
  name: z.string().max(MAX_NAME_CHARS),
  emails: z.array(z.string().max(MAX_ADDRESS_CHARS)).max(MAX_ADDRESSES),
  language: z.enum(CASE_LANGUAGES).optional(),
  type: z.string().max(MAX_IDENTIFIER_CHARS).optional(),
  reference: z.string().max(MAX_IDENTIFIER_CHARS).optional(),
  caseworker: z.string().max(MAX_ADDRESS_CHARS).optional(),
  /** YYYY-MM-DD, compared with a passport's machine-readable zone. */
  birthDate: z.string().max(10).optional(),
});

/** `POST /cases/import`: the CSV export as text (limits: see the constants above). */
export const importCasesBodySchema = z.strictObject({
  csv: z.string(),
  /** Send each new case's applicant the checklist; default: the stage config's `notifyOnImport`. */
  notify: z.boolean().optional(),
});

/** `PUT /cases/{reference}/documents/{sha256}`: the checklist item, or `null` for none. */
export const reassignDocumentBodySchema = z.strictObject({
  checklistItem: z.string().min(1).max(MAX_IDENTIFIER_CHARS).nullable(),
});

/**
 * `POST /cases/{reference}/documents/{sha256}/confirm`: `{}` confirms the document as recognised;
 * `checklistItem` (or `null`) places it there and confirms that.
 */
export const confirmDocumentBodySchema = z.strictObject({
  checklistItem: z.string().min(1).max(MAX_IDENTIFIER_CHARS).nullable().optional(),
});

/** `POST /cases/{reference}/decisions`: a query with the caseworker's text, or an invitation. */
export const decisionBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('query'), text: z.string().min(1).max(4000) }),
  // ISO 8601, with or without offset: without one it is the office's local time, which the use
  // case reads (and refuses with a 422 when that time does not exist).
  z.strictObject({ kind: z.literal('invitation'), at: z.string().min(1).max(40) }),
  // Cancels the appointment the case's applicant holds (422 when there is none).
  z.strictObject({ kind: z.literal('cancellation') }),
]);

/** `POST /triage/{messageId}/assign`; `reference` is normalised like a path reference. */
export const assignFromTriageBodySchema = (references: CaseReferenceMatcher) =>
  z.strictObject({
    reference: caseReferenceSchema(references),
    addContact: z.boolean().optional(),
  });

/**
 * A case reference in any form a person types (`abh-2026-4711`), made canonical
 * (`ABH-2026-004711`) with the deployment's format.
 */
export const caseReferenceSchema = (references: CaseReferenceMatcher) =>
  z
    .string()
    .max(MAX_IDENTIFIER_CHARS)
    .transform((value, context) => {
      const reference = references.normalise(value);
      if (reference === null) {
        context.addIssue({ code: 'custom', message: 'not a case reference' });
        return z.NEVER;
      }
      return reference;
    });

/** A document's content hash: 64 hex digits, lower case as the documents are keyed. */
export const sha256Schema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'not a SHA-256 hash (64 hex digits)')
  .transform((value) => value.toLowerCase());

/** An SES message id (letters, digits, dashes); anything else names no triage entry. */
export const messageIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,128}$/, 'not a message id (letters, digits and dashes)');
