import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HashingDocumentStore } from '../../functions/adapters/hashing-document-store.ts';
import { MailparserEmailParser } from '../../functions/adapters/mailparser-email-parser.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import { ParseEmail, type Envelope, type ParseEmailResult } from '../../functions/use-cases/parse-email.ts';

/** Shared by the `parse-*` integration tests: the ParseEmail use case on the real parser, storing nothing. */

export const fixtures = join(import.meta.dirname, '..', 'fixtures');

export function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name));
}

/** A file the fixture emails carry, as made by test/fixtures/generators/make-files.py. */
export function carried(name: string): Buffer {
  return readFileSync(join(fixtures, 'files', name));
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function parseEmail(): ParseEmail {
  return new ParseEmail({
    parser: new MailparserEmailParser(),
    documents: new HashingDocumentStore(),
    references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
  });
}

export async function parseStream(
  raw: Readable,
  envelope: Envelope | null = null,
): Promise<ParseEmailResult> {
  return parseEmail().run(raw, envelope);
}

export async function parseFixture(
  name: string,
  envelope: Envelope | null = null,
): Promise<ParseEmailResult> {
  return parseStream(createReadStream(join(fixtures, name)), envelope);
}

/** The attachment facts a test states in full (location is null without storage). */
export function facts(result: ParseEmailResult): Record<string, unknown>[] {
  return result.attachments.map(({ location: _location, ...report }) => report);
}

/** An accepted document at the top level: the most common expectation, spelled out once. */
export function acceptedDocument(
  filename: string,
  contentType: string,
  detectedType: string,
  bytes: Buffer,
  origin: 'attachment' | 'inline' | 'forwarded' = 'attachment',
  depth = 0,
): Record<string, unknown> {
  return {
    filename,
    contentType,
    detectedType,
    size: bytes.length,
    sha256: sha256(bytes),
    accepted: true,
    reason: null,
    origin,
    kind: 'document',
    depth,
  };
}
