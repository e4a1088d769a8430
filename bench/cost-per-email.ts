/**
 * Cost benchmark: what 10,000 received emails cost on AWS, from what the real local pipeline does
 * with 20 representative emails (14 to open cases, 6 from unknown senders; text PDFs and phone
 * photos attached). Durations and AWS calls are recorded as each Lambda runs (local/usage-meter.ts);
 * state transitions come from the executions; bytes from what the emulators hold afterwards;
 * memory, architecture and waits from the synthesized CDK app. Prices: bench/aws-prices.ts.
 * Also: Standard or Express for the IntakeWorkflow, on the same evidence.
 *
 *   npm run bench -- cost
 *   node bench/cost-per-email.ts [--json]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { USAGE_FILE_VARIABLE, type UsageRecord } from '../local/usage-meter.ts';
import { startTestPipeline } from '../test/helpers/local-pipeline.ts';
import { cost, describePrice, PRICES, READ_ON, type PriceName } from './aws-prices.ts';
import { reportFigures, type Figure } from './figures.ts';

const PART = '5 Cost';
const PRICED = `– (eu-central-1 prices of ${READ_ON}, bench/aws-prices.ts)`;
const EMAILS_PRICED = 10_000;
const EXPRESS_LIMIT_SECONDS = 300;
/** One GB in bytes: AWS prices storage and transfer in binary gigabytes. */
const GB = 1024 ** 3;
const CORPUS = join(import.meta.dirname, '..', 'test', 'fixtures', 'documents');

const scratch = mkdtempSync(join(tmpdir(), 'intake-cost-'));
const usageFile = join(scratch, 'usage.jsonl');
// Read by each Lambda worker as it starts (local/local-lambda.ts): set before the runtime starts.
process.env[USAGE_FILE_VARIABLE] = usageFile;

/** A corpus file made unique (a trailing comment or bytes past the image's end), so no two emails share a document. */
function corpusFile(name: string, tag: string): { filename: string; content: Buffer; contentType: string } {
  const bytes = readFileSync(join(CORPUS, name));
  const pdf = name.endsWith('.pdf');
  return {
    filename: name,
    content: Buffer.concat([bytes, Buffer.from(pdf ? `%${tag}\n` : tag, 'latin1')]),
    contentType: pdf ? 'application/pdf' : 'image/jpeg',
  };
}

// What a case's applicant sends: mostly text PDFs, some phone photos (which need OCR).
const MATCHED_ATTACHMENTS: readonly (readonly string[])[] = [
  ['scan0001.pdf'],
  ['Dokument.pdf', 'Dokument(1).pdf'],
  ['IMG_20261128_142233.jpg'],
  ['Dokument(2).pdf'],
  ['scan0002.pdf', 'Unterlagen.pdf'],
  ['Anhang.pdf'],
  ['IMG_20261128_142415.jpg', 'belge.pdf'],
  ['20261128_Bescheinigung.pdf'],
  ['document.pdf'],
  ['IMG_20261128_142301.jpg'],
  ['contract_final_v2.pdf', 'scan0004.pdf'],
  ['scan0001.pdf'],
  ['WhatsApp Image 2026-11-28 at 14.25.10.jpeg'],
  ['Dokument.pdf'],
];
const TRIAGE_ATTACHMENTS: readonly (readonly string[])[] = [
  ['Unterlagen.pdf'],
  ['scan0002.pdf'],
  [],
  ['Anhang.pdf'],
  ['document.pdf'],
  ['belge.pdf'],
];

interface ExecutionFacts {
  readonly transitions: number;
  readonly scanWaits: number;
  readonly coalesceWaits: number;
  readonly taskSeconds: number;
  readonly status: string;
}

function factsOf(events: readonly unknown[], status: string): ExecutionFacts {
  const list = events as readonly {
    type: string;
    timestamp: number;
    state?: { name: string; type: string };
  }[];
  const entered = list.filter((e) => e.type === 'StateEntered');
  const opened = new Map<string, number>();
  let taskMs = 0;
  for (const event of list) {
    if (event.state?.type !== 'Task') continue;
    if (event.type === 'StateEntered') opened.set(event.state.name, event.timestamp);
    if (event.type === 'StateExited' || event.type === 'StateFailed') {
      taskMs += event.timestamp - (opened.get(event.state.name) ?? event.timestamp);
    }
  }
  return {
    transitions: entered.length,
    scanWaits: entered.filter((e) => e.state?.name === 'AwaitMalwareScan').length,
    coalesceWaits: entered.filter((e) => e.state?.name === 'CoalesceNotifications').length,
    taskSeconds: taskMs / 1000,
    status,
  };
}

async function objectSizes(s3: S3Client, bucket: string): Promise<{ key: string; size: number }[]> {
  const objects: { key: string; size: number }[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.push({ key: o.Key!, size: o.Size ?? 0 });
    token = page.NextContinuationToken;
  } while (token !== undefined);
  return objects;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const usd = (value: number): string => `$${value.toFixed(value < 1 ? 3 : 2)}`;

// ---------------------------------------------------------------------------------------------
// Run the emails through the pipeline, one at a time (so no function's duration includes waiting
// for the CPU another one holds).
// ---------------------------------------------------------------------------------------------
const started = performance.now();
const pipeline = await startTestPipeline();
const { runtime } = pipeline;
const executions: ExecutionFacts[] = [];
const rawSizes: number[] = [];
let sesSent = 0;
let buckets: { bucket: string; key: string; size: number }[] = [];
try {
  const sends: { from: string; subject: string; files: readonly string[] }[] = [];
  for (let i = 0; i < MATCHED_ATTACHMENTS.length / 2; i += 1) {
    const contact = `applicant${i}@example.org`;
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Ayşe Yılmaz',
      contacts: [contact],
      requestType: 'residence-permit-extension',
    });
    sends.push({ from: contact, subject: reference, files: MATCHED_ATTACHMENTS[2 * i]! });
    sends.push({ from: contact, subject: `Re: ${reference}`, files: MATCHED_ATTACHMENTS[2 * i + 1]! });
  }
  TRIAGE_ATTACHMENTS.forEach((files, j) =>
    sends.push({ from: `someone${j}@example.net`, subject: 'Unterlagen', files }),
  );
  for (const [n, email] of sends.entries()) {
    const messageId = await pipeline.send({
      from: email.from,
      to: pipeline.intakeAddress,
      subject: email.subject,
      text: 'Guten Tag, anbei meine Unterlagen. Mit freundlichen Grüßen',
      attachments: email.files.map((file, f) => corpusFile(file, `bench-${n}-${f}`)),
    });
    const execution = await runtime.waitForExecution(messageId, 180_000);
    executions.push(factsOf(execution.events, execution.status));
  }
  sesSent = (await pipeline.sesStore()).length;
  for (const bucket of runtime.app.buckets.values()) {
    for (const object of await objectSizes(runtime.s3, bucket)) buckets.push({ bucket, ...object });
  }
  buckets = buckets.filter((o) => !o.key.endsWith('.keep'));
  const inbound = pipeline.bucket('INBOUND_BUCKET');
  rawSizes.push(
    ...buckets.filter((o) => o.bucket === inbound && o.key.startsWith('inbound/')).map((o) => o.size),
  );
} finally {
  await pipeline.stop();
}
const runSeconds = (performance.now() - started) / 1000;
const emails = executions.length;
const scale = EMAILS_PRICED / emails;

// ---------------------------------------------------------------------------------------------
// What the synthesized app configures: memory, architecture (per function, below), the waits.
// ---------------------------------------------------------------------------------------------
const notify = [...runtime.app.functions.values()].find((f) => f.environment.CASEWORKER_COALESCE_SECONDS);
const coalesceSeconds = Number(notify?.environment.CASEWORKER_COALESCE_SECONDS ?? NaN);
const intake = runtime.app.stateMachines.find((m) => m.logicalId.startsWith('IntakeWorkflow'))!;
const intakeStates = (intake.definition as { States: Record<string, Record<string, unknown>> }).States;
const scanPollSeconds = Number(
  Object.values(intakeStates).find((s) => s.Type === 'Wait' && typeof s.Seconds === 'number')?.Seconds ?? 10,
);

// ---------------------------------------------------------------------------------------------
// Lambda: GB-seconds from measured durations and configured memory.
// ---------------------------------------------------------------------------------------------
const records = readFileSync(usageFile, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as UsageRecord);
rmSync(scratch, { recursive: true, force: true });

interface FunctionUse {
  readonly name: string;
  readonly memoryMb: number;
  readonly architecture: string;
  invocations: number;
  billedMs: number;
  initMs: number;
  inits: number;
}
const functions = new Map<string, FunctionUse>();
const useOf = (name: string): FunctionUse => {
  let use = functions.get(name);
  if (use === undefined) {
    use = {
      name,
      memoryMb: runtime.lambdas.get(name)?.limits.memorySize ?? 128,
      architecture: runtime.app.functions.get(name)?.architecture ?? 'x86_64',
      invocations: 0,
      billedMs: 0,
      initMs: 0,
      inits: 0,
    };
    functions.set(name, use);
  }
  return use;
};
for (const record of records) {
  if (record.kind === 'invoke') {
    const use = useOf(record.function);
    use.invocations += 1;
    use.billedMs += Math.ceil(record.ms); // Lambda bills each invocation in 1 ms steps
  } else if (record.kind === 'init') {
    const use = useOf(record.function);
    use.inits += 1;
    use.initMs += Math.ceil(record.ms);
  }
}
// Only what email brings in: the caseworker console, API and schedules did not run here.
const perEmailFunctions = [...functions.values()].filter((f) => f.invocations > 0);
const gbSeconds = (f: FunctionUse, ms: number): number => (f.memoryMb / 1024) * (ms / 1000);
const durationPrice = (f: FunctionUse): PriceName =>
  f.architecture === 'arm64' ? 'lambdaArmGbSecond' : 'lambdaX86GbSecond';
const lambdaWarm = sum(
  perEmailFunctions.map(
    (f) => cost(durationPrice(f), gbSeconds(f, f.billedMs)) + cost('lambdaRequest', f.invocations),
  ),
);
// Lambda bills the INIT phase too. At 10,000 emails a month (one every few minutes) most
// invocations find no warm environment: the upper bound is every invocation a cold start.
const lambdaAllCold = sum(
  perEmailFunctions.map((f) => cost(durationPrice(f), gbSeconds(f, (f.initMs / f.inits) * f.invocations))),
);
// A Lambda gets one vCPU at 1,769 MB and a share of one below it; the local worker had a core.
// Work that is all CPU would take 1769/MB times as long there: the upper bound of duration.
const lambdaCpuBound = sum(
  perEmailFunctions.map((f) =>
    cost(durationPrice(f), gbSeconds(f, f.billedMs * Math.max(1, 1769 / f.memoryMb))),
  ),
);

// ---------------------------------------------------------------------------------------------
// AWS calls the functions made.
// ---------------------------------------------------------------------------------------------
const calls = records.filter((r): r is Extract<UsageRecord, { kind: 'call' }> => r.kind === 'call');
const callsOf = (service: string, operations?: readonly string[], prefix?: string) =>
  calls.filter(
    (c) =>
      c.service === service &&
      (operations === undefined || operations.includes(c.operation)) &&
      (prefix === undefined || c.prefix === prefix),
  );
const S3_WRITE_CLASS = [
  'PutObject',
  'CopyObject',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'ListObjectsV2',
  'ListObjects',
  'PutObjectTagging',
];
const s3Calls = callsOf('S3');
const staged = callsOf('S3', ['PutObject', 'CompleteMultipartUpload'], 'staging/').length;
const stagedBytes = sum(
  buckets.filter((o) => /^(documents|quarantine|staging)\//.test(o.key)).map((o) => o.size),
);
// Outside the functions: SES's S3 action stores each raw email (1 PUT); GuardDuty reads each
// staged file (1 GET) and tags it (1 PUT-class).
const s3Writes = s3Calls.filter((c) => S3_WRITE_CLASS.includes(c.operation)).length + emails + staged;
const s3Reads =
  s3Calls.filter((c) => !S3_WRITE_CLASS.includes(c.operation) && c.operation !== 'DeleteObject').length +
  staged;
const storedBytes = sum(buckets.map((o) => o.size));
const s3Requests = cost('s3WriteRequest', s3Writes) + cost('s3ReadRequest', s3Reads);
const s3StorageMonth = cost('s3StorageGbMonth', storedBytes / GB);

const dynamoCalls = callsOf('DynamoDB');
const reads = dynamoCalls.filter((c) => c.readUnits !== undefined || /Get|Query|Scan/.test(c.operation));
const writes = dynamoCalls.filter((c) => !reads.includes(c));
const readUnits = sum(reads.map((c) => c.readUnits ?? 0.5));
// A write refused by its condition is billed as one unit (at least); the table reports none.
const writeUnits = sum(writes.map((c) => c.writeUnits ?? 1));
const dynamo = cost('dynamoDbReadUnit', readUnits) + cost('dynamoDbWriteUnit', writeUnits);

const sesSends = callsOf('SESv2', ['SendEmail']).length;
const chunks = sum(rawSizes.map((size) => Math.ceil(size / (256 * 1024))));
const ses =
  cost('sesInboundEmail', emails) +
  cost('sesInboundChunk', chunks) +
  cost('sesOutboundEmail', Math.max(sesSends, sesSent));

const guardDuty = cost('guardDutyObject', staged) + cost('guardDutyGbScanned', stagedBytes / GB);

// KMS: S3 bucket keys, DynamoDB's table key cache and the data-key reuse of Step Functions and
// SQS (300 s) make KMS calls per key and time, not per email; no stand-in counts them. The key
// itself is the cost: one customer managed key, a month, spread over 10,000 emails a month.
const kms = cost('kmsKeyMonth', 1);

// Step Functions: transitions, as billed for Standard.
const transitions = sum(executions.map((e) => e.transitions));
const standard = cost('stepFunctionsTransition', transitions);
// Express: a request each, and the whole run's duration at 64 MB. On AWS a run lasts its tasks
// plus its waits: the coalescing window for the first submission of a case, 10 s per scan poll.
const awsRunSeconds = executions.map(
  (e) => e.taskSeconds + e.coalesceWaits * coalesceSeconds + e.scanWaits * scanPollSeconds,
);
const expressCost = (seconds: readonly number[]): number =>
  cost('expressRequest', seconds.length) +
  cost('expressGbSecond', sum(seconds.map((s) => ((64 / 1024) * Math.ceil(s * 10)) / 10)));
const express = expressCost(awsRunSeconds);
const overLimit = awsRunSeconds.filter((s) => s > EXPRESS_LIMIT_SECONDS).length;
// The same runs without the waits, as if the coalescing and the scan wait left the workflow.
const expressWithoutWaits = expressCost(executions.map((e) => e.taskSeconds));

const rows: { service: string; perEmails: number; detail: string; prices: PriceName[] }[] = [
  {
    service: 'Lambda',
    perEmails: lambdaWarm * scale,
    detail: `${sum(perEmailFunctions.map((f) => f.invocations))} invocations, ${sum(perEmailFunctions.map((f) => gbSeconds(f, f.billedMs))).toFixed(1)} GB-s for ${emails} emails; every invocation cold: +${usd(lambdaAllCold * scale)}; all CPU-bound at Lambda's CPU share: ${usd(lambdaCpuBound * scale)}`,
    prices: ['lambdaRequest', 'lambdaArmGbSecond', 'lambdaX86GbSecond'],
  },
  {
    service: 'Step Functions (Standard)',
    perEmails: standard * scale,
    detail: `${(transitions / emails).toFixed(1)} transitions per email (${(sum(executions.map((e) => e.scanWaits)) / emails).toFixed(1)} scan polls locally; each further poll on AWS adds 3)`,
    prices: ['stepFunctionsTransition'],
  },
  {
    service: 'S3',
    perEmails: (s3Requests + s3StorageMonth) * scale,
    detail: `${(s3Writes / emails).toFixed(1)} PUT-class and ${(s3Reads / emails).toFixed(1)} GET-class requests, ${(storedBytes / emails / 1024).toFixed(0)} KB stored per email (storage: one month; ×months kept)`,
    prices: ['s3WriteRequest', 's3ReadRequest', 's3StorageGbMonth'],
  },
  {
    service: 'DynamoDB',
    perEmails: dynamo * scale,
    detail: `${(writeUnits / emails).toFixed(1)} WRU and ${(readUnits / emails).toFixed(1)} RRU per email (${dynamoCalls.length} calls, ${dynamoCalls.filter((c) => c.readUnits === undefined && c.writeUnits === undefined).length} without reported units)`,
    prices: ['dynamoDbWriteUnit', 'dynamoDbReadUnit'],
  },
  {
    service: 'SES',
    perEmails: ses * scale,
    detail: `1 received (${(sum(rawSizes) / emails / 1024).toFixed(0)} KB, ${(chunks / emails).toFixed(1)} chunks) and ${(Math.max(sesSends, sesSent) / emails).toFixed(2)} sent per email`,
    prices: ['sesInboundEmail', 'sesInboundChunk', 'sesOutboundEmail'],
  },
  {
    service: 'KMS',
    perEmails: kms,
    detail:
      'one key-month (at 10,000 emails a month); requests are per key and time (bucket keys, 300 s data-key reuse), not per email',
    prices: ['kmsKeyMonth', 'kmsRequest'],
  },
  {
    service: 'GuardDuty Malware Protection for S3',
    perEmails: guardDuty * scale,
    detail: `${(staged / emails).toFixed(2)} files and ${(stagedBytes / emails / 1024).toFixed(0)} KB scanned per email`,
    prices: ['guardDutyObject', 'guardDutyGbScanned'],
  },
];
const total = sum(rows.map((r) => r.perEmails));

const figures: Figure[] = [
  ...rows.map((r) => ({
    part: PART,
    figure: `per 10,000 emails: ${r.service}`,
    value: usd(r.perEmails),
    baseline: '–',
    ratio: '–',
    target: PRICED,
  })),
  {
    part: PART,
    figure: 'per 10,000 emails: total',
    value: usd(total),
    baseline: '–',
    ratio: '–',
    target: PRICED,
  },
  {
    part: PART,
    figure: 'IntakeWorkflow per 10,000 emails: Standard vs Express',
    value: `Standard ${usd(standard * scale)}`,
    baseline: `Express ${usd(express * scale)}`,
    ratio: `${(standard / express).toFixed(2)}×`,
    target: `decide; Express only if every run ≤ ${EXPRESS_LIMIT_SECONDS} s`,
    // Standard stands on the evidence if Express cannot run these executions, or costs no less.
    met: overLimit > 0 || standard <= express,
  },
];

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ rows, total, figures }, null, 2));
} else {
  console.log(
    `Cost of ${EMAILS_PRICED.toLocaleString('en-US')} emails, from ${emails} run through the local pipeline in ${runSeconds.toFixed(0)} s`,
  );
  console.log(`(${executions.filter((e) => e.status === 'SUCCEEDED').length} executions succeeded)\n`);
  console.log('Per function (configured memory and architecture from the synthesized app):');
  for (const f of perEmailFunctions.sort((a, b) => gbSeconds(b, b.billedMs) - gbSeconds(a, a.billedMs))) {
    console.log(
      `  ${f.name.padEnd(40)} ${String(f.memoryMb).padStart(5)} MB ${f.architecture.padEnd(7)} ${String(f.invocations).padStart(3)} calls  ${(f.billedMs / f.invocations).toFixed(0).padStart(6)} ms avg  init ${(f.initMs / Math.max(1, f.inits)).toFixed(0)} ms`,
    );
  }
  console.log(`\nPer ${EMAILS_PRICED.toLocaleString('en-US')} emails:`);
  for (const r of rows) console.log(`  ${r.service.padEnd(38)} ${usd(r.perEmails).padStart(8)}  ${r.detail}`);
  console.log(`  ${'total'.padEnd(38)} ${usd(total).padStart(8)}`);
  console.log(
    `\nIntakeWorkflow: Standard ${usd(standard * scale)} vs Express ${usd(express * scale)} per ${EMAILS_PRICED.toLocaleString('en-US')} emails` +
      ` (Express without the waits: ${usd(expressWithoutWaits * scale)}).`,
  );
  console.log(
    `  ${overLimit} of ${emails} runs would last over Express's ${EXPRESS_LIMIT_SECONDS} s on AWS (coalescing window ${coalesceSeconds} s, scan poll ${scanPollSeconds} s); longest ${Math.max(...awsRunSeconds).toFixed(0)} s.`,
  );
  console.log('\nPrices:');
  for (const name of Object.keys(PRICES) as PriceName[]) console.log(`  ${name}: ${describePrice(name)}`);
}
reportFigures(figures);
process.exitCode =
  executions.every((e) => e.status === 'SUCCEEDED') && figures.every((f) => f.met !== false) ? 0 : 1;
