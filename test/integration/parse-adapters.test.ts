import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { MailParser } from 'mailparser';
import { ContentSniffer, type SniffedContent } from '../../functions/adapters/content-sniffer.ts';
import {
  HEADER_BUDGET_BYTES,
  HeaderGuard,
  MAX_HEADER_BYTES,
} from '../../functions/adapters/mime-header-guard.ts';
import { carried, sha256 } from './parse-support.ts';

/** Streams bytes through a sniffer in chunks of the given size. */
async function sniff(bytes: Buffer, chunkSize = 16 * 1024): Promise<SniffedContent> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  const sniffer = new ContentSniffer();
  await pipeline(Readable.from(chunks), sniffer, new Writable({ write: (_c, _e, callback) => callback() }));
  return sniffer.result();
}

async function guard(raw: Buffer | string, chunkSize = 4096): Promise<{ output: string; trimmed: boolean }> {
  const bytes = Buffer.from(raw);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  const headerGuard = new HeaderGuard();
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    headerGuard,
    new Writable({ write: (c: Buffer, _e, callback) => (out.push(c), callback()) }),
  );
  return { output: Buffer.concat(out).toString('latin1'), trimmed: headerGuard.trimmed };
}

describe('ContentSniffer', () => {
  it('hashes and counts bytes that arrive in many chunks as if they came at once', async () => {
    const bytes = Buffer.concat([carried('reisepass.pdf'), Buffer.alloc(300_000, 7)]);

    const result = await sniff(bytes, 1000);

    assert.equal(result.sha256, sha256(bytes));
    assert.equal(result.size, bytes.length);
    assert.equal(result.detectedType, 'application/pdf');
  });

  it('finds /Encrypt in the trailer at the end of a large PDF', async () => {
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(500_000, 0x20),
      Buffer.from('trailer\n<< /Encrypt 9 0 R >>\n%%EOF\n'),
    ]);

    assert.equal((await sniff(pdf, 3000)).encrypted, true);
    assert.equal((await sniff(carried('reisepass.pdf'))).encrypted, false);
  });

  it('finds an encrypted entry listed in a zip’s central directory, not only the first one', async () => {
    const zip = carried('unterlagen-verschluesselt.zip');
    const firstEntryClear = Buffer.from(zip);
    firstEntryClear.writeUInt16LE(firstEntryClear.readUInt16LE(6) & ~1, 6);

    assert.equal((await sniff(firstEntryClear)).encrypted, true);
  });

  it('finds the EncryptedPackage stream of a password-protected Word or Excel file (an OLE compound file)', async () => {
    const header = Buffer.alloc(512);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
    header.writeUInt16LE(0x3e, 0x18);
    header.writeUInt16LE(0x03, 0x1a);
    header.writeUInt16LE(0xfffe, 0x1c);
    header.writeUInt16LE(9, 0x1e);
    const directory = Buffer.alloc(512);
    Buffer.from('EncryptedPackage', 'utf16le').copy(directory);
    const file = Buffer.concat([header, directory, Buffer.alloc(4096)]);

    const result = await sniff(file);

    assert.equal(result.detectedType, 'application/x-cfb');
    assert.equal(result.encrypted, true);
  });

  const texts: [string, string | Buffer, string | null][] = [
    ['a UTF-8 note', 'Grüße aus Düsseldorf\n', 'text/plain'],
    ['a Windows-1252 note', Buffer.from('Gr\xfc\xdfe aus D\xfcsseldorf\r\n', 'latin1'), 'text/plain'],
    ['an HTML page', '<!DOCTYPE html><html><body>Hallo</body></html>', 'text/html'],
    ['an HTML fragment with a script', '<div>x</div><script>alert(1)</script>', 'text/html'],
    ['an SVG image', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml'],
    [
      'a PGP signature',
      '-----BEGIN PGP SIGNATURE-----\n\niQ==\n-----END PGP SIGNATURE-----\n',
      'application/pgp-signature',
    ],
    ['an email', 'From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\n\r\nHallo', 'message/rfc822'],
    ['a shell script', '#!/bin/sh\nrm -rf /\n', 'text/x-shellscript'],
    ['binary bytes', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x10]), null],
  ];
  for (const [what, content, type] of texts) {
    it(`tells ${what} as ${type ?? 'unknown'}`, async () => {
      assert.equal((await sniff(Buffer.from(content))).detectedType, type);
    });
  }

  it('recognises winmail.dat by its TNEF signature', async () => {
    assert.equal((await sniff(carried('winmail.dat'))).detectedType, 'application/vnd.ms-tnef');
  });
});

describe('HeaderGuard', () => {
  it('passes an ordinary message through unchanged', async () => {
    const raw = 'From: a@example.org\r\nSubject: Hallo\r\n continued\r\n\r\nBody\r\nFrom: not a header\r\n';

    assert.deepEqual(await guard(raw, 7), { output: raw, trimmed: false });
  });

  it('keeps the fields parsing needs and drops the rest once the header block is over budget', async () => {
    const received = Array.from(
      { length: 2000 },
      (_, i) => `Received: from relay${i}.example.net by relay${i + 1}.example.net\r\n`,
    ).join('');
    const raw = `${received}Subject: Unterlagen\r\nContent-Type: text/plain\r\nX-Other: dropped\r\n\r\nBody`;

    const { output, trimmed } = await guard(raw);

    assert.equal(trimmed, true);
    assert.ok(output.length <= HEADER_BUDGET_BYTES + 200, String(output.length));
    assert.ok(
      output.endsWith('\r\nSubject: Unterlagen\r\nContent-Type: text/plain\r\n\r\nBody'),
      output.slice(-100),
    );
    assert.doesNotMatch(output, /X-Other/);
  });

  it('cuts a single header line of 5 MB instead of holding it', async () => {
    const raw = `Subject: ${'x'.repeat(5 * 1024 * 1024)}\r\nFrom: a@example.org\r\n\r\nBody`;

    const { output, trimmed } = await guard(raw, 64 * 1024);

    assert.equal(trimmed, true);
    assert.ok(output.length < MAX_HEADER_BYTES);
    assert.ok(output.endsWith('\r\nFrom: a@example.org\r\n\r\nBody'), output.slice(-100));
  });

  it('leaves a message without headers alone', async () => {
    assert.deepEqual(await guard('\r\nJust a body'), { output: '\r\nJust a body', trimmed: false });
  });
});

describe('mailparser internals the parser relies on', () => {
  // MailparserEmailParser overrides these (see TrackingMailParser). A mailparser update that
  // renames them must fail here, loudly, not silently change what is parsed.
  it('MailParser still has createNode, processChunk, getTextContent and a splitter with _transform', () => {
    const parser = new MailParser() as unknown as Record<string, unknown> & {
      splitter: { _transform: unknown };
    };
    const prototype = MailParser.prototype as unknown as Record<string, unknown>;

    assert.equal(typeof prototype.createNode, 'function');
    assert.equal(typeof prototype.processChunk, 'function');
    assert.equal(typeof prototype.getTextContent, 'function');
    assert.equal(typeof parser.splitter._transform, 'function');
    assert.ok('curnode' in parser && 'headerLines' in parser);
  });

  it("mailsplit's splitter still keeps its state, node and pending line where the body fast path reads them", () => {
    const splitter = (new MailParser() as unknown as { splitter: Record<string, unknown> }).splitter;
    assert.equal(splitter.state, 1, 'a new splitter reads a header first (HEAD = 1, BODY = 2)');
    assert.equal(typeof splitter.node, 'object');
    assert.deepEqual(splitter.lineChunks, []);
    assert.equal(splitter.lineLength, 0);
    assert.equal(splitter.pendingLineTruncated, false);
    assert.equal(splitter.hasFailed, false);
  });
});
