import { join } from 'node:path';
import type { LocalRuntime } from './runtime.ts';
import type { EventLog, Execution } from './step-functions-service.ts';
import { useCompileCache } from './compile-cache.ts';

// Before the runtime's modules load (local/compile-cache.ts): they come compiled from the cache.
useCompileCache();
const { DEFAULT_PORTS, startLocalRuntime, writeRuntimeDescription } = await import('./runtime.ts');
const { PortInUseError } = await import('./emulators.ts');
const { DEMO_CASES, seedDemoCases } = await import('./demo-cases.ts');
const { defaultCaseworker } = await import('../functions/shared/caseworker-mailbox.ts');
const { verdictsFromFile } = await import('./local-verdicts.ts');
const { displayLine } = await import('../functions/domain/display-text.ts');

/**
 * `npm start`: the whole pipeline locally, in the foreground, until Ctrl-C.
 * Ports come from INTAKE_SMTP_PORT, INTAKE_S3_PORT, INTAKE_DYNAMODB_PORT, INTAKE_SES_PORT and
 * INTAKE_SFN_PORT, and the console's from INTAKE_CONSOLE_PORT (0 picks a free port); INTAKE_CLAMSCAN names the ClamAV scanner (default `clamscan`).
 */
const projectRoot = join(import.meta.dirname, '..');
const dataDir = process.env.INTAKE_DATA_DIR ?? join(projectRoot, '.local');
const verdictsFile = process.env.INTAKE_LOCAL_VERDICTS || undefined;

/** The variable that sets each stand-in's port. */
const PORT_VARIABLES = {
  smtp: 'INTAKE_SMTP_PORT',
  s3: 'INTAKE_S3_PORT',
  dynamodb: 'INTAKE_DYNAMODB_PORT',
  ses: 'INTAKE_SES_PORT',
  stepFunctions: 'INTAKE_SFN_PORT',
  console: 'INTAKE_CONSOLE_PORT',
} as const;

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number (0–65535), not "${raw}"`);
    process.exit(2);
  }
  return port;
}

function waitOverrides(raw: string): Record<string, number> {
  const parsed: unknown = JSON.parse(raw);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Object.values(parsed).some((v) => typeof v !== 'number' || v < 0)
  ) {
    console.error('INTAKE_WAIT_OVERRIDES must be a JSON object of Wait state names to milliseconds');
    process.exit(2);
  }
  return parsed as Record<string, number>;
}

function time(): string {
  return new Date().toISOString().slice(11, 19);
}

function say(line: string): void {
  console.log(`${time()}  ${line}`);
}

/** One line per step; identifiers and outcomes only, no personal data. */
function describeEvent(execution: Execution, event: EventLog): string | null {
  const id = execution.name.slice(0, 12);
  switch (event.type) {
    case 'ExecutionStarted':
      return `workflow   ${id}… started (${execution.stateMachineArn.split(':').pop()})`;
    case 'StateEntered':
      return event.state.type === 'Task' ? `  step     ${id}… ${event.state.name}` : null;
    case 'StateExited': {
      if (event.state.type !== 'Succeed') return null;
      return `  outcome  ${id}… ${event.state.name}${summarise(event.state.output)}`;
    }
    case 'StateFailed':
      return `  failed   ${id}… ${event.state.name}: ${event.Error}`;
    case 'ExecutionSucceeded':
      return `workflow   ${id}… finished`;
    case 'ExecutionFailed':
      return `workflow   ${id}… FAILED: ${event.Error}`;
    default:
      return null;
  }
}

function summarise(output: unknown): string {
  if (typeof output !== 'object' || output === null) return '';
  const state = output as {
    parsed?: { attachments?: { accepted: boolean }[]; problems?: unknown[] };
    screening?: { outcome?: string; reason?: string };
    match?: { outcome?: string; reason?: string; caseReference?: string; by?: string };
    recorded?: { added?: number; duplicates?: number; missing?: string[] };
  };
  const parts: string[] = [];
  if (state.parsed?.attachments) {
    const held = state.parsed.attachments.filter((a) => !a.accepted).length;
    parts.push(`${state.parsed.attachments.length} attachment(s), ${held} held`);
  }
  if (state.screening?.outcome)
    parts.push(
      `screening: ${state.screening.outcome}${state.screening.reason ? ` (${state.screening.reason})` : ''}`,
    );
  if (state.match?.outcome === 'Matched')
    parts.push(`case ${state.match.caseReference} (by ${state.match.by})`);
  else if (state.match?.outcome) parts.push(`triage: ${state.match.reason}`);
  if (state.recorded) {
    const missing = state.recorded.missing ?? [];
    parts.push(
      `${state.recorded.added} new document(s), ${missing.length === 0 ? 'checklist complete' : `missing: ${missing.join(', ')}`}`,
    );
  }
  // Parts of the state can echo what a sender wrote: shown, never interpreted by the terminal.
  return parts.length > 0 ? ` — ${displayLine(parts.join('; '))}` : '';
}

function demoCasesText(references: readonly string[]): string {
  if (references.length === 0) return 'Demo cases: not seeded (INTAKE_SEED=0).';
  const lines = DEMO_CASES.filter((c) => references.includes(c.reference ?? '')).map(
    (c) => `  ${c.reference}  ${c.requestType}  contact ${c.contacts.join(', ')}`,
  );
  return `Demo cases (made up; mail from a contact, or naming the reference, lands in the case):\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  say('starting the local pipeline (synthesizing the CDK app, starting the stand-ins)…');
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      dataDir,
      persist: true,
      ports: {
        smtp: portFromEnv(PORT_VARIABLES.smtp, DEFAULT_PORTS.smtp),
        s3: portFromEnv(PORT_VARIABLES.s3, DEFAULT_PORTS.s3),
        dynamodb: portFromEnv(PORT_VARIABLES.dynamodb, DEFAULT_PORTS.dynamodb),
        ses: portFromEnv(PORT_VARIABLES.ses, DEFAULT_PORTS.ses),
        stepFunctions: portFromEnv(PORT_VARIABLES.stepFunctions, DEFAULT_PORTS.stepFunctions),
        console: portFromEnv(PORT_VARIABLES.console, DEFAULT_PORTS.console),
      },
      ...(process.env.INTAKE_CLAMSCAN ? { clamscan: process.env.INTAKE_CLAMSCAN } : {}),
      lambdaEnvironment: {
        POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
        // Metrics are JSON lines for CloudWatch; in this terminal they would only be noise.
        POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      },
      ...(verdictsFile === undefined ? {} : { verdictsFor: verdictsFromFile(verdictsFile) }),
      // Tests that run `npm start` as a whole shorten the workflow's waits (e.g. the caseworker
      // email's coalescing window): a JSON object of Wait state names to milliseconds.
      ...(process.env.INTAKE_WAIT_OVERRIDES
        ? { waitTimeOverrides: waitOverrides(process.env.INTAKE_WAIT_OVERRIDES) }
        : {}),
      log: say,
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      const variable = PORT_VARIABLES[error.service as keyof typeof PORT_VARIABLES] ?? 'the port variable';
      console.error(
        `Port ${error.port} is in use by another program (${error.service}): the local pipeline did not start.\n` +
          `Stop that program, or choose another port: ${variable}=<port> npm start (${variable}=0 picks a free one).`,
      );
    } else {
      console.error(
        `The local pipeline could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    process.exit(1);
  }
  const seeded =
    process.env.INTAKE_SEED === '0' ? [] : await seedDemoCases(runtime.description, defaultCaseworker());
  const removeDescription = await writeRuntimeDescription(join(dataDir, 'runtime.json'), runtime.description);
  runtime.stepFunctions.onEvent((execution, event) => {
    const line = describeEvent(execution, event);
    if (line !== null) say(line);
  });

  const { endpoints, description } = runtime;
  const rule = runtime.app.receiptRules[0]!;
  console.log(`
Email intake pipeline — running locally, no AWS account needed

  Caseworker console            ${endpoints.console}   (sign in with any email address: local only; JSON API at ${endpoints.console}/api)

  SMTP intake (SES receiving)   ${endpoints.smtp.host}:${endpoints.smtp.port}   accepts mail for: ${rule.recipients.join(', ') || 'any address'}
  S3 (s3rver)                   ${endpoints.s3}   buckets: ${Object.values(description.buckets).join(', ')}
  DynamoDB (DynamoDB Local)     ${endpoints.dynamodb}   tables: ${description.tables.join(', ')}
  SES v2 (aws-ses-v2-local)     ${endpoints.ses}   sent mail: ${endpoints.ses}/store (web UI at ${endpoints.ses}/)
  Step Functions (local)        ${endpoints.stepFunctions}   state machines: ${Object.keys(description.stateMachines).join(', ')}
  Data                          ${dataDir}
  SES verdicts (local knob)     ${verdictsFile === undefined ? 'all PASS (set INTAKE_LOCAL_VERDICTS=FILE to report others)' : `read from ${verdictsFile} for every message`}
  Malware scan (GuardDuty)      ${
    runtime.malwareScanning
      ? "ClamAV (clamscan) with the project's test signatures (EICAR and test markers only)"
      : 'NONE: ClamAV (clamscan) is not installed; files are marked "not scanned", never clean (apt-get install clamav)'
  }

Send a first email, e.g.:
  swaks --server ${endpoints.smtp.host}:${endpoints.smtp.port} --from ayse.yilmaz@example.org --to ${rule.recipients[0]?.includes('@') ? rule.recipients[0] : `intake@${rule.recipients[0] ?? 'example.org'}`} --header 'Subject: Reisepass ABH-2026-000101' --attach @Reisepass.pdf
Then:  npx intake case show ABH-2026-000101   |   npx intake triage list   |   npx intake outbox --json

${demoCasesText(seeded)}
Ctrl-C stops everything.
`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    await removeDescription();
    await runtime.stop();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
