import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import {
  TrackingMailParser,
  type MailParserInternals,
} from '../../functions/adapters/mailparser-tracking-parser.ts';

/**
 * TrackingMailParser hands the lines of a body that cannot be a boundary past mailsplit in one
 * piece. Whatever the chunks the bytes arrive in, it must split a message exactly as mailsplit
 * reading line by line does, chunk for chunk (mailsplit itself reads a few odd line endings
 * differently where a chunk ends), and as simpleParser (plain mailparser) reads it whole.
 */

interface Seen {
  readonly text: string;
  readonly attachments: readonly string[];
}

const sha = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

async function readWithTracking(raw: Buffer, chunkSize: number, fastPath: boolean): Promise<Seen> {
  const parser = new TrackingMailParser(() => undefined);
  const splitter = (parser as unknown as MailParserInternals).splitter;
  // The reference reads line by line: mailsplit's own transform, back from under the fast path.
  if (!fastPath) Reflect.deleteProperty(splitter, '_transform');
  const attachments: string[] = [];
  let text = '';
  parser.on('data', (part: { type: string; content?: Readable; release?: () => void; text?: string }) => {
    if (part.type === 'text') {
      text = part.text ?? '';
      return;
    }
    const chunks: Buffer[] = [];
    part.content!.on('data', (chunk: Buffer) => chunks.push(chunk));
    part.content!.on('end', () => {
      attachments.push(sha(Buffer.concat(chunks)));
      part.release!();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  // Straight into the splitter, where the fast path is: mailparser itself hands it 64 KiB
  // pieces, so only this way do boundaries fall at every place in a piece.
  for (let at = 0; at < raw.length; at += chunkSize) {
    if (!splitter.write(raw.subarray(at, at + chunkSize))) await once(splitter, 'drain');
  }
  // Ending the parser ends the splitter the way mailparser does (through its passthrough) and
  // lets the parser finish; ending the splitter alone would leave the parser waiting.
  parser.end();
  await done;
  return { text, attachments };
}

async function readWithSimpleParser(raw: Buffer): Promise<Seen> {
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  return { text: mail.text ?? '', attachments: mail.attachments.map((a) => sha(a.content)) };
}

const base64Lines = (bytes: Buffer, eol: string): string =>
  bytes
    .toString('base64')
    .replace(/.{76}/g, `$&${eol}`)
    .replace(new RegExp(`${eol}$`), '');

function message(parts: readonly string[], eol = '\r\n', boundary = 'b1'): Buffer {
  const head = `From: a@example.org${eol}To: b@example.org${eol}Subject: s${eol}MIME-Version: 1.0${eol}Content-Type: multipart/mixed; boundary="${boundary}"${eol}${eol}`;
  return Buffer.from(
    `${head}${parts.map((part) => `--${boundary}${eol}${part}${eol}`).join('')}--${boundary}--${eol}`,
    'latin1',
  );
}

const attachment = (name: string, body: string, eol = '\r\n', encoding = 'base64'): string =>
  `Content-Type: application/octet-stream; name="${name}"${eol}Content-Transfer-Encoding: ${encoding}${eol}` +
  `Content-Disposition: attachment; filename="${name}"${eol}${eol}${body}`;

const text = (body: string, eol = '\r\n'): string =>
  `Content-Type: text/plain; charset=utf-8${eol}${eol}${body}`;

const bytes = randomBytes(20_000);
const MESSAGES: Record<string, Buffer> = {
  'base64 attachments with CRLF': message([
    text('Hallo,\r\nanbei.'),
    attachment('a.bin', base64Lines(bytes, '\r\n')),
    attachment('b.bin', base64Lines(bytes.subarray(0, 999), '\r\n')),
  ]),
  'bare LF line endings': message(
    [text('Hallo,\nanbei.', '\n'), attachment('a.bin', base64Lines(bytes, '\n'), '\n')],
    '\n',
  ),
  'body lines that start with a hyphen or look almost like a boundary': message([
    text('--\r\n-- \r\n--b\r\n--b1x\r\n---b1\r\n- item\r\n\r\n\r\nend'),
    attachment('c.txt', '--b1 not alone\r\n--b1-- trailing\r\n-\r\nlast', '\r\n', '8bit'),
  ]),
  'empty lines, a lone CR and a boundary after a bare CR': message([
    text('one\r\n\r\n\r\ntwo\rthree\r\n\n\nfour'),
    attachment('d.bin', `${base64Lines(bytes.subarray(0, 3000), '\r\n')}\r\n\r\n`),
    attachment('e.bin', `${base64Lines(bytes.subarray(0, 600), '\r\n')}\r`),
  ]),
  'a boundary line that starts with a bare CR, and a body line that does': Buffer.from(
    'From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n' +
      `--b1\r\n${text('line\r\n\rstarts with CR\r\nx')}\r\n` +
      `--b1\r\n${attachment('h.bin', base64Lines(bytes.subarray(0, 900), '\r\n'))}\r\n` +
      `\r--b1\r\n${attachment('i.bin', base64Lines(bytes.subarray(0, 300), '\n'), '\n')}\n` +
      '\r--b1--\r\n',
    'latin1',
  ),
  'nested multipart, inner closing boundary missing': Buffer.from(
    'From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n' +
      '--outer\r\nContent-Type: multipart/alternative; boundary="inner"\r\n\r\n' +
      `--inner\r\n${text('inner text\r\n--inne\r\nstill text')}\r\n` +
      `--outer\r\n${attachment('f.bin', base64Lines(bytes.subarray(0, 5000), '\r\n'))}\r\n--outer--\r\n`,
    'latin1',
  ),
  'many small parts, one after another in the same write': message(
    Array.from({ length: 40 }, (_, index) =>
      index % 2 === 0
        ? text(`part ${index}\r\n-- not a boundary\r\n\r\n`)
        : attachment(`p${index}.bin`, base64Lines(bytes.subarray(0, 100 + index * 37), '\r\n')),
    ),
  ),
  'a line far longer than any chunk': message([
    text('x'),
    attachment('g.txt', `${'A'.repeat(70_000)}\r\n${'B'.repeat(1000)}`, '\r\n', '8bit'),
  ]),
};

describe('the body fast path splits as mailsplit does line by line', () => {
  for (const [name, raw] of Object.entries(MESSAGES)) {
    it(`${name}, in chunks of 1, 2, 3, 7, 77, 1000, 65536 bytes and whole`, async () => {
      const whole = await readWithSimpleParser(raw);
      assert.ok(whole.attachments.length > 0, 'the message has attachments to compare');
      assert.deepEqual(await readWithTracking(raw, raw.length, true), whole, 'whole, as simpleParser');
      for (const size of [1, 2, 3, 7, 77, 1000, 65_536]) {
        const expected = await readWithTracking(raw, size, false);
        const seen = await readWithTracking(raw, size, true);
        assert.deepEqual(seen.attachments, expected.attachments, `attachments, chunks of ${size}`);
        assert.equal(seen.text, expected.text, `text, chunks of ${size}`);
      }
    });
  }
});
