/**
 * `npm run bench`: parse-and-store throughput and memory for the largest message SES accepts.
 *
 * 1. Writes (into the OS temp dir) a ~38 MB message with three large attachments (random bytes
 *    behind PDF and JPEG headers, base64), and two more shapes for the memory check.
 * 2. Starts s3rver on a free port, uploads the raw messages to its inbound bucket.
 * 3. Runs, each in its own process so each peak RSS is its own: the real ParseEmail handler
 *    (S3 in, multipart uploads out), the same use case parsing only, mailparser's simpleParser
 *    parsing only (the comparison the targets name), and simpleParser doing the handler's job
 *    (S3 in, one PUT per attachment under its hash) for a like-for-like view.
 * 4. Prints a table with the ratios against the targets (throughput ≥ 2× simpleParser, peak memory
 *    ≤ ½ simpleParser's), and checks that memory stays flat: the live memory of parsing must not
 *    grow with the message (13 MB vs 38 MB messages, 9 MB vs 28 MB attachments), and the handler
 *    may add only S3's part buffers. Exit 1 only if memory is not flat (or an attachment is parsed
 *    wrong): that is the regression this benchmark guards; missed speed targets are reported.
 */
import { writeGeneratedEmail } from './generated-email.ts';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { freePort, s3rverClient, startS3 } from '../local/emulators.ts';
import type { WorkerResult } from './parse-worker.ts';

const MB = 1_000_000;
const MiB = 1024 * 1024;
const INBOUND = 'bench-inbound';
const DOCUMENTS = 'bench-documents';

/** Runs per approach; the median is reported (the machine may be busy with other work). */
const RUNS = 3;

/**
 * Live memory (heap and Buffers alive after a forced collection) allowed to differ between message
 * shapes. Buffering a whole attachment or message would add 9 to 38 MB; part buffers do not.
 */
const FLAT_TOLERANCE_BYTES = 6 * MiB;

/**
 * What S3DocumentStore's multipart upload (lib-storage) may hold on top of parsing, in 8 MiB parts:
 * two uploading, one being filled, the copy it makes when it joins a part's chunks, and the rest of
 * that copy, which the next part keeps alive as a view. Bounded by the part size, not the message.
 */
const S3_PART_BUFFERS_BYTES = 5 * 8 * MiB;

interface Generated {
  readonly path: string;
  readonly key: string;
  readonly bytes: number;
  readonly attachments: readonly { size: number; sha256: string }[];
}

/** Writes a message with attachments of the given decoded sizes (see generated-email.ts). */
async function generate(directory: string, key: string, sizes: readonly number[]): Promise<Generated> {
  const path = join(directory, key);
  const attachments = await writeGeneratedEmail(path, sizes);
  return { path, key, bytes: (await stat(path)).size, attachments };
}

async function runWorker(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  nodeFlags: string[] = [],
): Promise<WorkerResult> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, join(import.meta.dirname, 'parse-worker.ts'), ...args],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"seconds"'));
  if (code !== 0 || line === undefined)
    throw new Error(`parse-worker ${args[0]} failed (exit ${code}): ${stdout.slice(-500)}`);
  return JSON.parse(line) as WorkerResult;
}

/**
 * A V8 flag that lowers peak RSS: the young generation's semi-spaces (16 MiB by default) hold
 * tens of MB of short-lived Buffer wrappers and their backing stores until a scavenge. Shown as
 * extra rows, for simpleParser and the handler alike; the Lambda would get it via NODE_OPTIONS.
 */
const SMALL_YOUNG_GENERATION = ['--max-semi-space-size=1'];

/** The run with the median time of RUNS runs. */
async function median(
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
  nodeFlags: string[] = [],
): Promise<WorkerResult> {
  const results: WorkerResult[] = [];
  for (let run = 0; run < RUNS; run += 1) results.push(await runWorker(args, env, nodeFlags));
  return results.sort((a, b) => a.seconds - b.seconds)[Math.floor(RUNS / 2)]!;
}

function sameAttachments(generated: Generated, result: WorkerResult): boolean {
  return (
    JSON.stringify(generated.attachments) ===
    JSON.stringify(result.attachments.map(({ size, sha256 }) => ({ size, sha256 })))
  );
}

const format = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;

const scratch = await mkdtemp(join(tmpdir(), 'intake-bench-'));
const s3Port = await freePort();
const s3 = await startS3(s3Port, join(scratch, 's3'), [INBOUND, DOCUMENTS]);
try {
  console.log(`Generating messages in ${scratch} …`);
  const large = await generate(scratch, 'three-9mb.eml', [9_200_000, 9_200_000, 9_200_000]);
  const medium = await generate(scratch, 'one-9mb.eml', [9_200_000]);
  const single = await generate(scratch, 'one-27mb.eml', [27_600_000]);

  const client = s3rverClient(s3.endpoint);
  for (const message of [large, medium, single]) {
    await client.send(
      new PutObjectCommand({ Bucket: INBOUND, Key: message.key, Body: await readFile(message.path) }),
    );
  }
  // s3rver deletes a "directory" once its last object is gone, and a staging upload running at
  // that moment fails to open its file (ENOENT, which kills s3rver). A placeholder keeps staging/.
  await client.send(new PutObjectCommand({ Bucket: DOCUMENTS, Key: 'staging/.keep', Body: Buffer.alloc(0) }));
  client.destroy();

  const handlerEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DOCUMENT_BUCKET: DOCUMENTS,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  console.log(
    `Message: ${(large.bytes / MB).toFixed(1)} MB, three attachments of ${(large.attachments[0]!.size / MB).toFixed(1)} MB; ` +
      `median of ${RUNS} runs each.`,
  );
  const simple = await median(['simple-parser', large.path]);
  const streaming = await median(['streaming-parser', large.path]);
  const handler = await median(['handler', INBOUND, large.key], handlerEnv);
  const simpleHandler = await median(['simple-parser-handler', INBOUND, large.key], handlerEnv);
  const flag = SMALL_YOUNG_GENERATION.join(' ');
  const simpleFlagged = await median(['simple-parser', large.path], undefined, SMALL_YOUNG_GENERATION);
  const handlerFlagged = await median(['handler', INBOUND, large.key], handlerEnv, SMALL_YOUNG_GENERATION);

  const rows: [string, WorkerResult][] = [
    ['simpleParser (parse only, buffers)', simple],
    ['ParseEmail, streaming (parse only)', streaming],
    ['ParseEmail handler: S3 in → S3 out', handler],
    ['simpleParser doing the same: S3 → S3', simpleHandler],
    [`  simpleParser, ${flag}`, simpleFlagged],
    [`  handler, ${flag}`, handlerFlagged],
  ];
  const throughput = (r: WorkerResult): number => large.bytes / MB / r.seconds;
  console.log('');
  console.log(
    `${'approach'.padEnd(38)}${'time'.padStart(8)}${'MB/s'.padStart(8)}${'×speed'.padStart(8)}` +
      `${'peak RSS'.padStart(10)}${'×peak'.padStart(7)}${'growth'.padStart(9)}  correct`,
  );
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(38)}${`${r.seconds.toFixed(2)} s`.padStart(8)}${throughput(r).toFixed(1).padStart(8)}` +
        `${(throughput(r) / throughput(simple)).toFixed(2).padStart(8)}${format(r.peakRssBytes).padStart(10)}` +
        `${(r.peakRssBytes / simple.peakRssBytes).toFixed(2).padStart(7)}${`+${format(r.peakRssBytes - r.baselineRssBytes)}`.padStart(9)}` +
        `  ${sameAttachments(large, r) ? 'yes' : 'NO'}`,
    );
  }
  console.log(
    '×speed, ×peak: against simpleParser without flags. growth: peak RSS above the same process with ' +
      'all modules loaded (baseline: simpleParser ' +
      `${format(simple.baselineRssBytes)}, handler ${format(handler.baselineRssBytes)}, which loads the AWS SDK too).`,
  );

  const speedTarget = throughput(handler) >= 2 * throughput(simple);
  const memoryTarget = handler.peakRssBytes <= simple.peakRssBytes / 2;
  console.log('');
  console.log(
    `Target throughput ≥ 2× simpleParser: ${speedTarget ? 'met' : 'MISSED'} by the handler ` +
      `(${(throughput(handler) / throughput(simple)).toFixed(2)}×, storing every byte in s3rver; ` +
      `parsing alone ${(throughput(streaming) / throughput(simple)).toFixed(2)}×).`,
  );
  console.log(
    `Target peak memory ≤ ½ simpleParser: ${memoryTarget ? 'met' : 'MISSED'} by the handler ` +
      `(${(handler.peakRssBytes / simple.peakRssBytes).toFixed(2)}× peak RSS; growth ${format(handler.peakRssBytes - handler.baselineRssBytes)} ` +
      `vs simpleParser's ${format(simple.peakRssBytes - simple.baselineRssBytes)}; parsing alone ` +
      `${(streaming.peakRssBytes / simple.peakRssBytes).toFixed(2)}×).`,
  );
  console.log(
    `Like for like, against simpleParser doing the handler's job with the same modules loaded: ` +
      `${(throughput(handler) / throughput(simpleHandler)).toFixed(2)}× its throughput, ` +
      `${(handler.peakRssBytes / simpleHandler.peakRssBytes).toFixed(2)}× its peak RSS ` +
      `(growth ${format(handler.peakRssBytes - handler.baselineRssBytes)} vs ${format(simpleHandler.peakRssBytes - simpleHandler.baselineRssBytes)}).`,
  );
  console.log(
    `With ${flag} for both: handler ${(handlerFlagged.peakRssBytes / simpleFlagged.peakRssBytes).toFixed(2)}× ` +
      `simpleParser's peak RSS, ${(throughput(handlerFlagged) / throughput(simpleFlagged)).toFixed(2)}× its throughput.`,
  );
  if (handler.baselineRssBytes > simple.peakRssBytes / 2)
    console.log(
      `The handler's RSS with its modules loaded, before any byte is read (${format(handler.baselineRssBytes)}), ` +
        `is already above half of simpleParser's peak (${format(simple.peakRssBytes / 2)}).`,
    );

  // Flat memory, measured as live memory (heap and Buffers alive, sampled after forced collections)
  // so that V8's choice of when to collect does not blur the comparison. The parser alone must be
  // flat across message shapes; the handler may add S3's multipart buffers, which depend on the
  // part size (and on attachments being larger than it), never on the message size.
  const live = async (args: readonly string[], env?: NodeJS.ProcessEnv): Promise<WorkerResult> =>
    runWorker(args, { ...(env ?? process.env), BENCH_LIVE_SAMPLE_MS: '20' }, ['--expose-gc']);
  const shapes: { name: string; message: Generated; parser: WorkerResult; handler: WorkerResult }[] = [];
  for (const [name, message] of [
    ['one 9 MB attachment', medium],
    ['three 9 MB attachments', large],
    ['one 28 MB attachment', single],
  ] as const) {
    shapes.push({
      name,
      message,
      parser: await live(['streaming-parser', message.path]),
      handler: await live(['handler', INBOUND, message.key], handlerEnv),
    });
  }
  const parserPeaks = shapes.map((shape) => shape.parser.peakLiveBytes ?? 0);
  const spread = Math.max(...parserPeaks) - Math.min(...parserPeaks);
  const flat = spread <= FLAT_TOLERANCE_BYTES;
  const bounded = shapes.every(
    (shape) => (shape.handler.peakLiveBytes ?? 0) <= Math.max(...parserPeaks) + S3_PART_BUFFERS_BYTES,
  );
  console.log('');
  console.log('Live memory (heap + Buffers alive, sampled after a forced GC every 20 ms):');
  console.log(`  ${'message'.padEnd(44)}${'parse only'.padStart(11)}${'handler'.padStart(10)}`);
  for (const shape of shapes) {
    console.log(
      `  ${`${shape.name} (${(shape.message.bytes / MB).toFixed(0)} MB)`.padEnd(44)}` +
        `${format(shape.parser.peakLiveBytes ?? 0).padStart(11)}${format(shape.handler.peakLiveBytes ?? 0).padStart(10)}`,
    );
  }
  console.log(
    `Parser memory flat with message size: ${flat ? 'yes' : 'NO'} (spread ${format(spread)}, tolerance ${format(FLAT_TOLERANCE_BYTES)}).`,
  );
  console.log(
    `Handler within the parser's peak plus S3 part buffers (${format(S3_PART_BUFFERS_BYTES)}): ${bounded ? 'yes' : 'NO'}.`,
  );
  const correct =
    rows.every(([, r]) => sameAttachments(large, r)) &&
    shapes.every(
      (shape) =>
        sameAttachments(shape.message, shape.parser) && sameAttachments(shape.message, shape.handler),
    );
  if (!correct) console.log('Attachments parsed WRONG by at least one run (sizes or SHA-256 differ).');
  process.exitCode = flat && bounded && correct ? 0 : 1;
} finally {
  await s3.stop();
  await rm(scratch, { recursive: true, force: true });
}
