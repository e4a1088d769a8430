import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import type {
  DocumentStore,
  EmailParser,
  IncomingAttachment,
  MessageHeaders,
  StagedFile,
} from '../../functions/domain/ports.ts';
import type { ObjectLocation } from '../../functions/domain/intake-request.ts';
import { ParseEmail } from '../../functions/use-cases/parse-email.ts';

function headers(changes: Partial<MessageHeaders> = {}, raw: Record<string, string> = {}): MessageHeaders {
  return {
    messageId: '<m@example.org>',
    from: 'max@example.org',
    fromAddresses: ['max@example.org'],
    fromAmbiguity: null,
    replyTo: [],
    to: ['intake@abh.example.de'],
    cc: [],
    subject: 'Unterlagen',
    date: new Date('2026-03-09T09:15:00Z'),
    inReplyTo: null,
    references: [],
    contentType: 'multipart/mixed',
    header: (name) => raw[name] ?? null,
    ...changes,
  };
}

function attachment(filename: string | null, bytes = 'x'): IncomingAttachment {
  return {
    filename,
    declaredType: 'application/pdf',
    origin: 'attachment',
    depth: 0,
    content: Readable.from([Buffer.from(bytes)]),
  };
}

/** A parser that offers the given attachments (all at once, as a forwarded email does) and returns the given message. */
function fakeParser(
  offered: IncomingAttachment[],
  message: { headers?: MessageHeaders; text?: string; problems?: string[] } = {},
): EmailParser {
  return {
    parse: async (_raw, onAttachment) => {
      await Promise.all(offered.map((a) => onAttachment(a)));
      return {
        headers: message.headers ?? headers(),
        text: message.text ?? '',
        problems: message.problems ?? [],
      };
    },
  };
}

/** A store that reads each file, calls PDFs whose content starts with `%PDF` PDFs, and records where each went. */
class RecordingStore implements DocumentStore {
  /** The content of each staged file, in the order staging finished. */
  readonly staged: string[] = [];
  readonly #delays: Record<string, number>;

  constructor(delays: Record<string, number> = {}) {
    this.#delays = delays;
  }

  async stage(content: NodeJS.ReadableStream): Promise<StagedFile & { location: ObjectLocation }> {
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(Buffer.from(chunk as Buffer));
    const bytes = Buffer.concat(chunks).toString();
    await new Promise((resolve) => setTimeout(resolve, this.#delays[bytes] ?? 0));
    const detectedType = bytes.startsWith('%PDF') ? 'application/pdf' : null;
    this.staged.push(bytes);
    const location = { bucket: 'documents', key: `staging/${bytes}` };
    return {
      sha256: `sha-of-${bytes}`,
      size: bytes.length,
      detectedType,
      encrypted: false,
      handle: bytes,
      location,
    };
  }
}

function useCase(parser: EmailParser, store: DocumentStore = new RecordingStore()): ParseEmail {
  return new ParseEmail({
    parser,
    documents: store,
    references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
  });
}

const raw = Readable.from([]);

describe('ParseEmail', () => {
  it('reports attachments stored at the same time in the order they were offered, not the order they finished', async () => {
    const store = new RecordingStore({ '%PDF slow': 30 });
    const parser = fakeParser([attachment('a.pdf', '%PDF slow'), attachment('b.pdf', '%PDF fast')]);

    const result = await useCase(parser, store).run(raw, null);

    assert.deepEqual(
      result.attachments.map((a) => a.filename),
      ['a.pdf', 'b.pdf'],
    );
    assert.deepEqual(store.staged, ['%PDF fast', '%PDF slow']);
  });

  it('leaves accepted and held files alike in staging, to be filed only once the email is screened', async () => {
    const store = new RecordingStore();

    const result = await useCase(
      fakeParser([attachment('Pass.pdf', '%PDF-1.4'), attachment('x.exe', 'MZ')]),
      store,
    ).run(raw, null);

    assert.deepEqual(
      result.attachments.map((a) => a.location?.key),
      ['staging/%PDF-1.4', 'staging/MZ'],
    );
    assert.deepEqual(
      result.attachments.map((a) => [a.accepted, a.reason]),
      [
        [true, null],
        [false, 'executable'],
      ],
    );
  });

  it('cuts a file name longer than 255 UTF-8 bytes before storing it, whole characters only, and says so', async () => {
    const store = new RecordingStore();
    const long = `${'ä'.repeat(200)}.pdf`;
    const fits = `${'ä'.repeat(125)}.pdf`;

    const result = await useCase(fakeParser([attachment(long, '%PDF'), attachment(fits, '%PDF')]), store).run(
      raw,
      null,
    );

    assert.equal(result.attachments[0]!.filename, 'ä'.repeat(127));
    assert.equal(result.attachments[1]!.filename, fits);
    assert.deepEqual(result.problems, ['filename-truncated']);
  });

  it('takes the reference from the real recipient first, then subject, body and attachment names', async () => {
    const parser = fakeParser([attachment('ABH-2026-000004.pdf', '%PDF')], {
      headers: headers({ subject: 'AW: ABH-2026-000002' }),
      text: 'Mein Zeichen: ABH 2026 3',
    });
    const envelope = {
      recipients: ['other@abh.example.de', 'intake+ABH-2026-000001.c0ffee@abh.example.de'],
      envelopeSender: 'other' as const,
    };

    const withEnvelope = await useCase(parser).run(raw, envelope);
    const withoutEnvelope = await useCase(parser).run(raw, null);

    assert.equal(withEnvelope.caseReference, 'ABH-2026-000001');
    assert.equal(withEnvelope.caseReferenceSource, 'recipient');
    assert.deepEqual(withEnvelope.caseReferences, [
      'ABH-2026-000001',
      'ABH-2026-000002',
      'ABH-2026-000003',
      'ABH-2026-000004',
    ]);
    assert.equal(withoutEnvelope.caseReference, 'ABH-2026-000002');
    assert.equal(withoutEnvelope.caseReferenceSource, 'subject');
  });

  it('finds a reference in an attachment name when nothing else has one', async () => {
    const result = await useCase(fakeParser([attachment('Reisepass_abh-2026-815.pdf', '%PDF')])).run(
      raw,
      null,
    );

    assert.equal(result.caseReference, 'ABH-2026-000815');
    assert.equal(result.caseReferenceSource, 'attachment-name');
  });

  it('a bounce is recognised by its empty envelope sender', async () => {
    const result = await useCase(fakeParser([])).run(raw, {
      recipients: ['intake@abh.example.de'],
      envelopeSender: 'empty',
    });

    assert.equal(result.autoSubmitted, true);
    assert.equal(result.automaticReason, 'null-return-path');
  });

  it('bounds what a sender controls: subject, recipients, problems', async () => {
    const parser = fakeParser([], {
      headers: headers({
        subject: 'Re: '.repeat(1000),
        to: Array.from({ length: 200 }, (_, i) => `r${i}@example.org`),
      }),
      problems: Array.from({ length: 80 }, (_, i) => `problem ${i} ${'x'.repeat(300)}`),
    });

    const result = await useCase(parser).run(raw, null);

    assert.equal(result.subject!.length, 998);
    assert.equal(result.to.length, 50);
    assert.equal(result.problems.length, 50);
    assert.ok(result.problems.every((p) => p.length <= 200));
    assert.equal(result.problems.at(-1), 'subject-truncated', "this step's own problems survive the cut");
  });

  it('puts the new text and the base subject in the result, and only the length of the whole body', async () => {
    const text = 'Danke!\n\nAm 09.03.2026 um 09:12 schrieb Amt <intake@abh.example.de>:\n> Bitte …';
    const parser = fakeParser([], { headers: headers({ subject: 'AW: WG: Rückfrage' }), text });

    const result = await useCase(parser).run(raw, null);

    assert.equal(result.newText, 'Danke!');
    assert.equal(result.baseSubject, 'Rückfrage');
    assert.equal(result.textLength, text.length);
    assert.ok(!('text' in result));
  });
});
