import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { samplePdf } from '../helpers/sample-documents.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** The CLI as a person runs it: `intake parse FILE`, its stdout as the terminal would get it. */
async function intake(...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--openssl-legacy-provider', join(projectRoot, 'cli', 'intake.ts'), ...args],
    {
      cwd: projectRoot,
    },
  );
  return stdout;
}

describe('intake parse shows what a sender wrote, never lets the terminal interpret it', () => {
  let dir: string;
  let file: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-display-'));
    file = join(dir, 'hostile.eml');
    const name = encodeURIComponent('Rechnung\u202Efdp.exe');
    await writeFile(
      file,
      [
        'From: =?utf-8?b?' +
          Buffer.from('Eve \u001b[2J\u001b[31m <eve@example.org>').toString('base64') +
          '?=',
        'To: intake@abh.example.de',
        'Subject: =?utf-8?b?' +
          Buffer.from('Antrag\u001b]0;pwned\u0007 \u202Egnp.exe').toString('base64') +
          '?=',
        'Message-ID: <x@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hallo \u001b[8mversteckt',
        '--b',
        'Content-Type: application/pdf',
        `Content-Disposition: attachment; filename*=utf-8''${name}`,
        'Content-Transfer-Encoding: base64',
        '',
        samplePdf().toString('base64'),
        '--b--',
        '',
      ].join('\r\n'),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints escapes and overrides as ⟨U+XXXX⟩, and the file is held for its name', async () => {
    const output = await intake('parse', file);

    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.match(output, /Subject: +Antrag⟨U\+001B⟩\]0;pwned⟨U\+0007⟩ ⟨U\+202E⟩gnp\.exe/);
    assert.match(output, /- Rechnung⟨U\+202E⟩fdp\.exe .* held: executable/);
    assert.match(output, /Hallo ⟨U\+001B⟩\[8mversteckt/);
  });

  it('--json escapes them as JSON does, so a program reads back exactly what was sent', async () => {
    const output = await intake('parse', file, '--json');

    assert.doesNotMatch(output, /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const report = JSON.parse(output) as { subject: string; attachments: { filename: string }[] };
    assert.equal(report.subject, 'Antrag\u001b]0;pwned\u0007 \u202Egnp.exe');
    assert.equal(report.attachments[0]!.filename, 'Rechnung\u202Efdp.exe');
  });
});
