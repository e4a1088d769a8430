import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
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
    const ports = { smtp: await freePort(), dynamodb: await freePort(), console: await freePort() };
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
        INTAKE_CONSOLE_PORT: String(ports.console),
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
      if (child.exitCode !== null || Date.now() > deadline) {
        // Not left running: the test file (and the suite) would wait for it.
        child.kill('SIGINT');
        assert.fail(`npm start did not come up:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const wasListening = { smtp: await portIsOpen(ports.smtp), dynamodb: await portIsOpen(ports.dynamodb) };
    // The console (contract): a signed-out visitor is sent to the local sign-in, which says it is local only.
    const consoleUrl = `http://127.0.0.1:${ports.console}`;
    const signedOut = await fetch(`${consoleUrl}/cases`, { redirect: 'manual' });
    const loginPage = await (await fetch(`${consoleUrl}/login`)).text();
    child.kill('SIGINT');
    const code = await exited;

    // Assess
    assert.match(output, new RegExp(`SMTP intake \\(SES receiving\\)\\s+127\\.0\\.0\\.1:${ports.smtp}`));
    assert.match(output, /state machines: IntakeWorkflow/);
    assert.match(
      output,
      /Malware scan \(GuardDuty\)\s+NONE: ClamAV \(clamscan\) is not installed; files are marked "not scanned", never clean/,
    );
    assert.match(output, /accepts mail for: \S+@\S+/);
    assert.match(output, new RegExp(`Caseworker console\\s+http://127\\.0\\.0\\.1:${ports.console}`));
    assert.deepEqual([signedOut.status, signedOut.headers.get('location')], [303, '/login']);
    assert.match(loginPage, /Nur lokal/);
    assert.doesNotMatch(output, /Not built yet/, 'the banner offers nothing that is not there');
    assert.deepEqual(wasListening, { smtp: true, dynamodb: true });
    assert.equal(code, 0, output);
    assert.equal(await portIsOpen(ports.smtp), false);
    assert.equal(await portIsOpen(ports.dynamodb), false, 'DynamoDB Local outlived npm start');
  });

  it('a port in use is named with the variable to change, without a stack trace, before anything starts', async () => {
    for (const variable of [
      'INTAKE_SMTP_PORT',
      'INTAKE_S3_PORT',
      'INTAKE_DYNAMODB_PORT',
      'INTAKE_SES_PORT',
      'INTAKE_SFN_PORT',
      'INTAKE_CONSOLE_PORT',
    ]) {
      // Prepare: another program has the port
      const busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const port = (busy.address() as AddressInfo).port;
      const portDataDir = await mkdtemp(join(tmpdir(), 'intake-busy-'));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        INTAKE_DATA_DIR: portDataDir,
        INTAKE_SMTP_PORT: '0',
        INTAKE_S3_PORT: '0',
        INTAKE_DYNAMODB_PORT: '0',
        INTAKE_SES_PORT: '0',
        INTAKE_SFN_PORT: '0',
        INTAKE_CONSOLE_PORT: '0',
        [variable]: String(port),
      };

      // Act
      const child = spawn(process.execPath, ['--openssl-legacy-provider', 'local/start.ts'], {
        cwd: projectRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGINT'), 120_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      clearTimeout(timer);
      await new Promise<void>((resolve) => busy.close(() => resolve()));
      await rm(portDataDir, { recursive: true, force: true });

      // Assess
      assert.notEqual(code, 0, `${variable}: exit code`);
      assert.ok(stderr.includes(`Port ${port} is in use`), `${variable}: ${stderr}`);
      assert.ok(stderr.includes(`${variable}=`), `${variable}: names the variable: ${stderr}`);
      assert.doesNotMatch(stderr + stdout, /^\s+at /m, `${variable}: no stack trace`);
      assert.doesNotMatch(stdout, /Ctrl-C stops everything/);
    }
  });
});
