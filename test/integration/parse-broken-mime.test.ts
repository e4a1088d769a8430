import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { parseCommand } from '../../cli/parse-command.ts';
import { HashingDocumentStore } from '../../functions/adapters/hashing-document-store.ts';
import {
  MailparserEmailParser,
  MAX_TEXT_BODY_BYTES,
} from '../../functions/adapters/mailparser-email-parser.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import type { DocumentStore } from '../../functions/domain/ports.ts';
import { ParseEmail } from '../../functions/use-cases/parse-email.ts';
import { acceptedDocument, carried, facts, fixtures, parseFixture, parseStream } from './parse-support.ts';

const PDF = 'application/pdf';
const reisepass = acceptedDocument('Reisepass.pdf', PDF, PDF, carried('reisepass.pdf'));

function message(parts: string): Buffer {
  return Buffer.from(
    'From: max.mustermann@example.org\r\nSubject: Test\r\nMIME-Version: 1.0\r\n' +
      `Content-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}`,
  );
}

describe('ParseEmail with MailparserEmailParser: broken MIME is read as far as it goes', () => {
  it('a message cut off before its closing boundary keeps its attachment and says so', async () => {
    const result = await parseFixture('missing-closing-boundary.eml');

    assert.deepEqual(facts(result), [reisepass]);
    assert.deepEqual(result.problems, ['missing-closing-boundary']);
    assert.equal(result.newText, 'Anbei der Reisepass.');
  });

  it('characters outside the base64 alphabet are skipped and reported with the part', async () => {
    const result = await parseFixture('bad-base64.eml');

    assert.deepEqual(facts(result), [reisepass]);
    assert.deepEqual(result.problems, ['bad-base64: part 2']);
  });

  it('a body and a subject in an unknown charset are read as UTF-8 and reported', async () => {
    const result = await parseFixture('unknown-charset.eml');

    assert.deepEqual(result.problems, [
      'unknown-charset: x-klingon in the body',
      'unknown-charset: x-klingon in the headers',
    ]);
    assert.equal(result.newText, 'Gr\uFFFD\uFFFDe, Aktenzeichen ABH-2026-004711');
    assert.equal(result.caseReference, 'ABH-2026-004711');
  });

  it('a header block far over 64 KB is trimmed to what parsing needs; attachment, subject and recipients stay', async () => {
    const result = await parseFixture('huge-header.eml');

    assert.deepEqual(facts(result), [reisepass]);
    assert.deepEqual(result.problems, ['header-too-large', 'subject-truncated']);
    assert.equal(result.subject!.length, 998);
    assert.ok(result.subject!.startsWith('Unterlagen sehr lang sehr lang'));
    assert.equal(result.to.length, 50);
    assert.equal(result.to[0], 'empfaenger0@example.org');
    assert.equal(result.messageId, '<huge-header@example.org>');
  });

  it('more than a thousand parts: the parts after the limit are skipped, the PDF before them is kept', async () => {
    const result = await parseFixture('too-many-parts.eml');

    assert.deepEqual(facts(result), [reisepass]);
    assert.deepEqual(result.problems, ['too-many-parts']);
  });

  it('forty multiparts nested inside each other are read down to the PDF at the bottom', async () => {
    const result = await parseFixture('deep-multipart-nesting.eml');

    assert.deepEqual(facts(result), [reisepass]);
    assert.deepEqual(result.problems, []);
  });

  it('a part header over 1 MB right after an attachment ends the reading there; the attachment is kept whole', async () => {
    // Prepare
    const pdf = carried('reisepass.pdf').toString('base64');
    const raw = message(
      `--b\r\nContent-Type: application/pdf; name="Reisepass.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n` +
        `--b\r\nContent-Type: text/plain\r\nX-Junk: ${'x'.repeat(1_100_000)}\r\n\r\nJunk\r\n--b--\r\n`,
    );

    // Act
    const result = await parseStream(Readable.from([raw]));

    // Assess
    assert.deepEqual(facts(result), [{ ...reisepass, contentType: PDF }]);
    assert.deepEqual(result.problems, ['part-header-too-large']);
  });

  it('a text body beyond the limit is cut and reported; memory for text stays bounded', async () => {
    const line = 'Dies ist ein sehr langer Brief ohne Ende. '.repeat(10) + '\r\n';
    const raw = message(
      `--b\r\nContent-Type: text/plain\r\n\r\n${line.repeat(Math.ceil((3 * MAX_TEXT_BODY_BYTES) / line.length))}--b--\r\n`,
    );

    const result = await parseStream(Readable.from([raw]));

    assert.deepEqual(result.problems, ['text-truncated']);
    assert.ok(result.textLength <= MAX_TEXT_BODY_BYTES + 64 * 1024, String(result.textLength));
    assert.ok(result.newText.length <= 4000);
    assert.ok(result.newText.endsWith('…'));
  });
});

describe('ParseEmail with MailparserEmailParser: failures that must not pass as a parsed message', () => {
  it('a raw stream that fails halfway rejects the parse, so the workflow reads the message again', async () => {
    const raw = new Readable({ read() {} });
    raw.push(message('--b\r\nContent-Type: text/plain\r\n\r\nHallo\r\n'));
    setImmediate(() => raw.destroy(new Error('socket hang up')));

    await assert.rejects(parseStream(raw), /socket hang up/);
  });

  it('a store that fails rejects the parse instead of reporting the message without that attachment', async () => {
    const failing: DocumentStore = {
      stage: async (content) => {
        content.resume();
        throw new Error('S3 unavailable');
      },
    };
    const parse = new ParseEmail({
      parser: new MailparserEmailParser(),
      documents: failing,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
    });
    const raw = Readable.from([message(`--b\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n`)]);

    await assert.rejects(parse.run(raw, null), /S3 unavailable/);
  });

  it('a store that fails inside a forwarded email rejects the parse too', async () => {
    let calls = 0;
    const failingOnSecond: DocumentStore = {
      stage: async (content) => {
        calls += 1;
        if (calls === 2) {
          content.resume();
          throw new Error('S3 unavailable');
        }
        return new HashingDocumentStore().stage(content);
      },
    };
    const parse = new ParseEmail({
      parser: new MailparserEmailParser(),
      documents: failingOnSecond,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
    });

    await assert.rejects(
      parse.run(Readable.from([carried('../forwarded-email-with-attachment.eml')]), null),
      /S3 unavailable/,
    );
  });
});

describe('intake parse FILE --json', () => {
  it('exits 0 with one JSON object for every fixture, for a binary file and for an empty file', async () => {
    // Prepare
    const scratch = mkdtempSync(join(tmpdir(), 'intake-parse-'));
    const empty = join(scratch, 'empty.eml');
    writeFileSync(empty, '');
    const files = [
      ...readdirSync(fixtures)
        .filter((name) => name.endsWith('.eml'))
        .map((name) => join(fixtures, name)),
      join(fixtures, 'files', 'setup.exe'),
      empty,
    ];

    try {
      for (const file of files) {
        // Act
        const printed: string[] = [];
        const code = await parseCommand(file, true, (text) => printed.push(text));

        // Assess
        assert.equal(code, 0, file);
        const report = JSON.parse(printed.join('\n')) as Record<string, unknown>;
        for (const key of [
          'messageId',
          'from',
          'to',
          'subject',
          'date',
          'caseReference',
          'inReplyTo',
          'references',
          'autoSubmitted',
          'attachments',
        ]) {
          assert.ok(key in report, `${file}: ${key}`);
        }
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
