import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import nodemailer from 'nodemailer';
import { freePort } from '../../local/emulators.ts';
import type { RuntimeDescription } from '../../local/runtime.ts';

/**
 * The privacy canary: the whole pipeline, as `npm start` runs it, handles emails whose sender,
 * name, postal address, subject, words and file names are marker values. None may appear in any
 * log line the pipeline writes, nor in any workflow execution's history (input, output, every
 * step's state), which AWS keeps for 90 days and shows to anyone with console access.
 */
const MARKERS = {
  name: 'Quillonia Zwetschgenfeld',
  address: 'quillonia.zwetschgen@example.org',
  postal: 'Kanarienweg 77',
  subject: 'Unterlagen Wendehalsprobe',
  filename: 'Pirolbescheinigung.pdf',
  words: 'Schwarzspecht',
  stranger: 'kiebitz.fremder@example.net',
  strangerFile: 'Rotkehlchen-Mietvertrag.pdf',
} as const;

const projectRoot = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function markersIn(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.entries(MARKERS)
    .filter(([, value]) => lower.includes(value.toLowerCase()))
    .map(([name]) => name);
}

describe('privacy canary: no personal data in logs or workflow history', () => {
  let dataDir = '';
  let output = '';
  let child: ReturnType<typeof spawn> | undefined;
  let description: RuntimeDescription;
  let smtpPort = 0;

  const intake = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(process.execPath, ['cli/intake.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, INTAKE_DATA_DIR: dataDir },
    });
    return stdout;
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'intake-canary-'));
    smtpPort = await freePort();
    child = spawn(process.execPath, ['--openssl-legacy-provider', 'local/start.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        INTAKE_DATA_DIR: dataDir,
        INTAKE_SEED: '0',
        INTAKE_SMTP_PORT: String(smtpPort),
        INTAKE_S3_PORT: '0',
        INTAKE_DYNAMODB_PORT: String(await freePort()),
        INTAKE_SES_PORT: '0',
        INTAKE_SFN_PORT: '0',
        INTAKE_CONSOLE_PORT: '0',
        // The caseworker email's coalescing window, from minutes to a moment.
        INTAKE_WAIT_OVERRIDES: JSON.stringify({ CoalesceNotifications: 300 }),
        // Everything a function logs, down to debug, and every metric line.
        POWERTOOLS_LOG_LEVEL: 'DEBUG',
        POWERTOOLS_METRICS_DISABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 180_000;
    while (!output.includes('Ctrl-C stops everything')) {
      if (child.exitCode !== null || Date.now() > deadline)
        assert.fail(`npm start did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    description = JSON.parse(await readFile(join(dataDir, 'runtime.json'), 'utf8')) as RuntimeDescription;
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('runs a case through intake, triage and an invitation without writing a marker anywhere', async () => {
    // Prepare: a case whose applicant and contact are marker values
    const opened = await intake('case', 'open', '--name', MARKERS.name, '--email', MARKERS.address);
    const reference = opened.trim().split('\n').at(-1)!;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });
    const accepted = /accepts mail for: (\S+)/.exec(output)![1]!;
    const intakeAddress = accepted.includes('@') ? accepted : `intake@${accepted}`;

    // Act: the applicant sends a document; a stranger writes too; the caseworker invites
    await transport.sendMail({
      from: `${MARKERS.name} <${MARKERS.address}>`,
      to: intakeAddress,
      subject: `${MARKERS.subject} ${reference}`,
      text: `Guten Tag, ${MARKERS.words}. ${MARKERS.name}, ${MARKERS.postal}, 50667 Köln`,
      attachments: [{ filename: MARKERS.filename, content: pdf, contentType: 'application/pdf' }],
    });
    await transport.sendMail({
      from: MARKERS.stranger,
      to: intakeAddress,
      subject: MARKERS.subject,
      text: `Hallo, ${MARKERS.words}, ich wohne ${MARKERS.postal}.`,
      attachments: [{ filename: MARKERS.strangerFile, content: pdf, contentType: 'application/pdf' }],
    });
    transport.close();
    const sfn = new SFNClient({
      endpoint: description.endpoints.stepFunctions,
      region: description.region,
      credentials: description.credentials,
    });
    const intakeArn = Object.entries(description.stateMachines).find(([id]) => id.startsWith('Intake'))![1];
    const finished = async (arn: string, count: number): Promise<string[]> => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
        if (executions.length >= count && executions.every((e) => e.status !== 'RUNNING')) {
          return executions.map((e) => e.executionArn!);
        }
        if (Date.now() > deadline) assert.fail(`workflows did not finish:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await finished(intakeArn, 2);
    await intake('decide', reference, '--invite', '--at', '2027-04-15T10:00');
    const invited = async (): Promise<boolean> => {
      const sent = JSON.parse(await intake('outbox', '--json')) as {
        attachments: { contentType: string }[];
      }[];
      return sent.some((mail) => mail.attachments.some((a) => a.contentType.startsWith('text/calendar')));
    };
    const inviteDeadline = Date.now() + 60_000;
    while (!(await invited())) {
      if (Date.now() > inviteDeadline) assert.fail(`the invitation was not sent:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    // Assess: the pipeline really handled the markers (the canary is alive) …
    const shown = JSON.parse(await intake('case', 'show', reference, '--json')) as {
      documents?: { filename: string }[];
    };
    assert.ok(
      JSON.stringify(shown).includes(MARKERS.filename),
      'the applicant’s document reached the case under its name',
    );
    const outbox = await intake('outbox', '--json');
    assert.ok(outbox.includes(MARKERS.address), 'mail went to the applicant');
    const triage = await intake('triage', 'list', '--json');
    assert.ok(triage.includes(MARKERS.stranger), 'the stranger’s email waits in triage with its sender');

    // … and no history holds one: every execution of every state machine, every event
    const histories: HistoryEvent[] = [];
    for (const arn of Object.values(description.stateMachines)) {
      const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
      for (const execution of executions) {
        const { events = [] } = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn: execution.executionArn! }),
        );
        histories.push(...events);
      }
    }
    sfn.destroy();
    assert.ok(histories.length > 20, `histories were read (${histories.length} events)`);
    const leakingEvents = histories.filter((event) => markersIn(JSON.stringify(event)).length > 0);
    assert.deepEqual(leakingEvents, [], 'events with markers in execution history');

    // … nor any line the pipeline logged (functions at debug level, metrics, the runtime itself)
    assert.ok(output.includes('"level":"INFO"'), 'function logs were captured');
    const leaking = output.split('\n').filter((line) => markersIn(line).length > 0);
    assert.deepEqual(leaking, [], 'log lines with markers');
  });
});
