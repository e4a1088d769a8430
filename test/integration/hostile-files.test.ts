import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { fixtures, parseStream } from './parse-support.ts';

interface Expectation {
  readonly sentAs?: string;
  readonly declaredType: string;
  readonly reason: string | null;
}

const corpus = JSON.parse(readFileSync(join(fixtures, 'hostile', 'files', 'expected.json'), 'utf8')) as {
  files: Record<string, Expectation>;
};

/**
 * One email carrying the file, its name in RFC 2231 form (percent-encoded UTF-8): every character
 * of the name reaches the parser as the sender wrote it, NUL and escape sequences included.
 */
function emailWith(name: string, declaredType: string, content: Buffer): Buffer {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return Buffer.from(
    [
      'From: applicant@example.org',
      'To: intake@abh.example.de',
      'Subject: Unterlagen',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Anbei.',
      '--b',
      `Content-Type: ${declaredType}`,
      `Content-Disposition: attachment; filename*=utf-8''${encoded}`,
      'Content-Transfer-Encoding: base64',
      '',
      content.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b--',
      '',
    ].join('\r\n'),
  );
}

describe('hostile file corpus (test/fixtures/hostile/files/): each file comes out as expected.json says', () => {
  for (const [entry, expected] of Object.entries(corpus.files)) {
    it(`${entry} → ${expected.reason ?? 'accepted'}`, async () => {
      const file = entry.split('#')[0]!;
      const content = readFileSync(join(fixtures, 'hostile', 'files', file));

      const result = await parseStream(
        Readable.from([emailWith(expected.sentAs ?? file, expected.declaredType, content)]),
      );

      assert.equal(result.attachments.length, 1);
      const [attachment] = result.attachments;
      assert.deepEqual(
        [attachment!.accepted, attachment!.reason],
        [expected.reason === null, expected.reason],
      );
    });
  }
});
