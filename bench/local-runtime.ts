/**
 * Part 3 of `npm run bench`, the local runtime: how soon `npm start` is ready, and how the
 * pipeline it runs keeps up with a burst of email.
 *
 * - `npm start` runs twice, exactly as a person types it (the npm client, its banner, its ports
 *   from the documented INTAKE_*_PORT variables, here free ones so a running `npm start` is not
 *   disturbed): once on an empty data directory, once with that data present. The second is the
 *   figure (target ≤ 10 s from spawn to the banner); the first is printed beside it.
 * - 200 emails, each with its own one-page PDF, go over SMTP to the seeded demo cases (from a
 *   registered contact, naming the reference). Measured: emails per second from the first SMTP
 *   command until every execution has finished (target ≥ 10/s), and per email the time from
 *   "250 queued" to the last outbound email that carries it (the caseworker email lists each
 *   submission's words; an acknowledgement quotes them too), p50 and p95 (target p95 ≤ 3 s).
 *
 * The caseworker email's coalescing window is 5 minutes as on AWS; the run shortens it with the
 * documented knob tests use (INTAKE_WAIT_OVERRIDES, 300 ms), or every latency would be the window.
 * Outbound mail is read from the SES stand-in's store, polled every 50 ms: its own timestamps
 * are whole seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { freePort } from '../local/emulators.ts';
import { DEMO_CASES } from '../local/demo-cases.ts';
import type { RuntimeDescription } from '../local/runtime.ts';
import { samplePdf } from '../test/helpers/sample-documents.ts';
import { reportFigures, type Figure } from './figures.ts';
import { percentile } from './statistics.ts';

const PART = '3 Local runtime';
const EMAILS = 200;
/** SMTP connections the sender keeps open at once (a mail server delivering a queue does so too). */
const SMTP_CONNECTIONS = 4;
const READY_TARGET_S = 10;
const RATE_TARGET = 10;
const P95_TARGET_S = 3;
const WAIT_OVERRIDES = { CoalesceNotifications: 300 };
const BANNER_END = 'Ctrl-C stops everything';
const projectRoot = join(import.meta.dirname, '..');

interface Started {
  readonly child: ChildProcess;
  readonly readySeconds: number;
  readonly output: () => string;
}

async function startNpm(dataDir: string, env: Record<string, string>): Promise<Started> {
  const started = performance.now();
  // Its own process group: npm, its shell and node stop together on one signal, as with Ctrl-C.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    detached: true,
    env: { ...process.env, ...env, INTAKE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 180_000;
  while (!output.includes(BANNER_END)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopNpm(child);
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, readySeconds: (performance.now() - started) / 1000, output: () => output };
}

async function stopNpm(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

interface StoredEmail {
  readonly messageId: string;
  readonly subject: string;
  readonly body: { readonly text?: string };
}

/** One email of the burst: a demo case's contact writes, naming the reference, with one new PDF. */
function burstEmail(index: number, run: string, intakeAddress: string): Mail.Options {
  const demo = DEMO_CASES[index % DEMO_CASES.length]!;
  const token = `bench-${run}-${String(index).padStart(3, '0')}`;
  return {
    from: demo.contacts[0],
    to: intakeAddress,
    subject: `Unterlagen ${demo.reference}`,
    text: `Anbei ein Dokument (${token}).`,
    attachments: [
      {
        filename: `dokument-${index}.pdf`,
        content: samplePdf(`Dokument ${token}`),
        contentType: 'application/pdf',
      },
    ],
  };
}

async function burst(
  description: RuntimeDescription,
  recipient: string,
): Promise<{
  rate: number;
  p50: number;
  p95: number;
  seconds: number;
  missing: number;
  failed: number;
}> {
  const { endpoints } = description;
  const run = Date.now().toString(36);
  const sfn = new SFNClient({
    endpoint: endpoints.stepFunctions,
    region: description.region,
    credentials: description.credentials,
  });
  const intakeArn = Object.entries(description.stateMachines).find(([id]) =>
    id.startsWith('IntakeWorkflow'),
  )?.[1];
  if (intakeArn === undefined) throw new Error('No IntakeWorkflow state machine');
  const transport = nodemailer.createTransport({
    host: endpoints.smtp.host,
    port: endpoints.smtp.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: Infinity,
  });
  // The SES store: when each outbound email was first seen.
  const firstSeen = new Map<string, { at: number; text: string }>();
  let polling = true;
  const pollStore = (async () => {
    while (polling) {
      const { emails } = (await (await fetch(`${endpoints.ses}/store`)).json()) as { emails: StoredEmail[] };
      const now = performance.now();
      for (const email of emails)
        if (!firstSeen.has(email.messageId))
          firstSeen.set(email.messageId, { at: now, text: `${email.subject}\n${email.body.text ?? ''}` });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const started = performance.now();
    const accepted: { id: string; at: number; token: string }[] = await Promise.all(
      Array.from({ length: EMAILS }, async (_, index) => {
        const email = burstEmail(index, run, recipient);
        const info = (await transport.sendMail(email)) as { response: string };
        const id = /queued as ([a-z0-9]+)/.exec(info.response)?.[1];
        if (id === undefined) throw new Error(`Unexpected SMTP response: ${info.response}`);
        return { id, at: performance.now(), token: /\((bench-[^)]+)\)/.exec(String(email.text))![1]! };
      }),
    );
    const ids = new Set(accepted.map((a) => a.id));
    let failed = 0;
    const deadline = Date.now() + 300_000;
    for (;;) {
      const executions = [];
      let token: string | undefined;
      do {
        const page = await sfn.send(
          new ListExecutionsCommand({ stateMachineArn: intakeArn, nextToken: token }),
        );
        executions.push(...(page.executions ?? []));
        token = page.nextToken;
      } while (token !== undefined);
      const ours = executions.filter((e) => ids.has(e.name ?? ''));
      if (ours.length === EMAILS && ours.every((e) => e.status !== 'RUNNING')) {
        failed = ours.filter((e) => e.status !== 'SUCCEEDED').length;
        break;
      }
      if (Date.now() > deadline) throw new Error(`Not every execution finished within 300 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const allDone = performance.now();
    // Let the store poll catch the last email the finished executions sent.
    await new Promise((resolve) => setTimeout(resolve, 150));
    polling = false;
    await pollStore;
    const outbound = [...firstSeen.values()];
    let missing = 0;
    const latencies: number[] = [];
    for (const { at, token: mark } of accepted) {
      const carrying = outbound.filter((email) => email.text.includes(mark));
      if (carrying.length === 0) {
        missing += 1;
        continue;
      }
      latencies.push((Math.max(...carrying.map((email) => email.at)) - at) / 1000);
    }
    const seconds = (allDone - started) / 1000;
    return {
      rate: EMAILS / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      seconds,
      missing,
      failed,
    };
  } finally {
    polling = false;
    await pollStore.catch(() => undefined);
    transport.close();
    sfn.destroy();
  }
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'intake-bench-local-'));
  const ports = {
    INTAKE_SMTP_PORT: String(await freePort()),
    INTAKE_S3_PORT: String(await freePort()),
    INTAKE_DYNAMODB_PORT: String(await freePort()),
    INTAKE_SES_PORT: String(await freePort()),
    INTAKE_SFN_PORT: String(await freePort()),
    INTAKE_CONSOLE_PORT: String(await freePort()),
    INTAKE_WAIT_OVERRIDES: JSON.stringify(WAIT_OVERRIDES),
  };
  let running: ChildProcess | undefined;
  try {
    const empty = await startNpm(dataDir, ports);
    await stopNpm(empty.child);
    const withData = await startNpm(dataDir, ports);
    running = withData.child;
    const description = JSON.parse(
      await readFile(join(dataDir, 'runtime.json'), 'utf8'),
    ) as RuntimeDescription;
    const recipient = /accepts mail for: (\S+)/.exec(withData.output())?.[1];
    if (recipient === undefined) throw new Error('The banner names no recipient');
    const result = await burst(description, recipient.includes('@') ? recipient : `intake@${recipient}`);
    console.log(
      `npm start ready: ${empty.readySeconds.toFixed(1)} s on an empty data directory, ` +
        `${withData.readySeconds.toFixed(1)} s with data present`,
    );
    console.log(
      `${EMAILS} emails with a PDF each over SMTP: every outcome in after ${result.seconds.toFixed(1)} s ` +
        `(${result.rate.toFixed(1)} emails/s); accepted → last outbound email: p50 ${result.p50.toFixed(2)} s, ` +
        `p95 ${result.p95.toFixed(2)} s; executions not succeeded: ${result.failed}; emails no outbound email carried: ${result.missing}`,
    );
    const complete = result.failed === 0 && result.missing === 0;
    const figures: Figure[] = [
      {
        part: PART,
        figure: '`npm start` to banner, data present',
        value: `${withData.readySeconds.toFixed(1)} s`,
        baseline: `${empty.readySeconds.toFixed(1)} s (empty data dir)`,
        ratio: '–',
        target: `≤ ${READY_TARGET_S} s`,
        met: withData.readySeconds <= READY_TARGET_S,
      },
      {
        part: PART,
        figure: `${EMAILS} emails with attachments over SMTP: until every outcome is in`,
        value: `${result.rate.toFixed(1)} emails/s`,
        baseline: '–',
        ratio: '–',
        target: `≥ ${RATE_TARGET} emails/s`,
        met: complete && result.rate >= RATE_TARGET,
      },
      {
        part: PART,
        figure: 'SMTP accepted → last outbound email: p50 / p95 (coalescing window 300 ms)',
        value: `${result.p50.toFixed(2)} s / ${result.p95.toFixed(2)} s`,
        baseline: '–',
        ratio: '–',
        target: `p95 ≤ ${P95_TARGET_S} s`,
        met: complete && result.p95 <= P95_TARGET_S,
      },
    ];
    reportFigures(figures);
    return figures.every((figure) => figure.met !== false) ? 0 : 1;
  } finally {
    if (running !== undefined) await stopNpm(running);
    await rm(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
