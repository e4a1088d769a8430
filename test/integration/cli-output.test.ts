import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const projectRoot = join(import.meta.dirname, '..', '..');

describe('intake CLI output', () => {
  it('a reader that stops early (`| head -1`) ends the command quietly, not with an EPIPE stack trace', async () => {
    // Prepare: `parse` needs no pipeline and writes line by line
    const child = spawn(
      process.execPath,
      ['bin/intake.js', 'parse', 'test/fixtures/forwarded-email-with-attachment.eml'],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    // Act: the reader is gone before the command writes (as `head -1` after its line)
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));

    // Assess
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
