import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../../local/emulators.ts';

const projectRoot = join(import.meta.dirname, '..', '..');

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start (local/start.ts)', () => {
  let dataDir = '';

  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('prints what runs where, and Ctrl-C stops everything, DynamoDB Local included', async () => {
    // Prepare
    dataDir = await mkdtemp(join(tmpdir(), 'intake-start-'));
    const ports = { smtp: await freePort(), dynamodb: await freePort() };
    const child = spawn(process.execPath, ['--openssl-legacy-provider', 'local/start.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        INTAKE_DATA_DIR: dataDir,
        INTAKE_SMTP_PORT: String(ports.smtp),
        INTAKE_DYNAMODB_PORT: String(ports.dynamodb),
        INTAKE_S3_PORT: '0',
        INTAKE_SES_PORT: '0',
        INTAKE_SFN_PORT: '0',
        // As on a machine without ClamAV: the banner must say files go unscanned.
        INTAKE_CLAMSCAN: join(dataDir, 'no-clamscan-here'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // Act: wait until it says it is ready, then press Ctrl-C
    const deadline = Date.now() + 120_000;
    while (!output.includes('Ctrl-C stops everything')) {
      if (child.exitCode !== null || Date.now() > deadline)
        assert.fail(`npm start did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const wasListening = { smtp: await portIsOpen(ports.smtp), dynamodb: await portIsOpen(ports.dynamodb) };
    child.kill('SIGINT');
    const code = await exited;

    // Assess
    assert.match(output, new RegExp(`SMTP intake \\(SES receiving\\)\\s+127\\.0\\.0\\.1:${ports.smtp}`));
    assert.match(output, /state machines: IntakeWorkflow/);
    assert.match(
      output,
      /Malware scan \(GuardDuty\)\s+NONE: ClamAV \(clamscan\) is not installed; files are marked "not scanned", never clean/,
    );
    assert.deepEqual(wasListening, { smtp: true, dynamodb: true });
    assert.equal(code, 0, output);
    assert.equal(await portIsOpen(ports.smtp), false);
    assert.equal(await portIsOpen(ports.dynamodb), false, 'DynamoDB Local outlived npm start');
  });
});
