/**
 * `npm run bench` part 1, parse and store: throughput and memory of ParseEmail for the largest
 * message SES accepts (38 MB, three 9 MB attachments) and for a typical one (300 KB), each beside
 * mailparser's simpleParser measured in the same run.
 *
 * 1. Writes the messages (into the OS temp dir; random bytes behind PDF and JPEG headers, base64)
 *    and two more shapes for the memory check, and uploads them to s3rver on a free port.
 * 2. Runs, each in its own process so each peak RSS is its own (median of RUNS): simpleParser
 *    parsing only, ParseEmail's use case parsing only, the machine's ceiling (base64-decode and
 *    hash every byte), the real ParseEmail handler (S3 in, every file staged in S3, hashed and
 *    typed) and simpleParser doing that same job the obvious way (S3 in, one PUT per file).
 * 3. Targets (issue 13): parsing ≥ 1.5× simpleParser's throughput; the handler ≥ 1.0× the
 *    throughput of simpleParser doing its job, with ≤ 0.6× its memory growth (peak RSS above the
 *    same process with every module loaded); live memory flat in message size (13, 38 and 28 MB
 *    messages; 9 MB vs 28 MB attachments). Exit 1 when a target is missed or a file is read wrong.
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
import { ratio, reportFigures, type Figure } from './figures.ts';

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

const PART = '1 Parse and store';
/** Runs of the typical message per process: one takes milliseconds. */
const TYPICAL_REPEAT = 40;

const scratch = await mkdtemp(join(tmpdir(), 'intake-bench-'));
const s3Port = await freePort();
const s3 = await startS3(s3Port, join(scratch, 's3'), [INBOUND, DOCUMENTS]);
try {
  console.log(`Generating messages in ${scratch} …`);
  const large = await generate(scratch, 'three-9mb.eml', [9_200_000, 9_200_000, 9_200_000]);
  const typical = await generate(scratch, 'typical.eml', [160_000, 45_000, 12_000]);
  const medium = await generate(scratch, 'one-9mb.eml', [9_200_000]);
  const single = await generate(scratch, 'one-27mb.eml', [27_600_000]);

  const client = s3rverClient(s3.endpoint);
  for (const message of [large, typical, medium, single]) {
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
  const repeated = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({
    ...env,
    BENCH_REPEAT: String(TYPICAL_REPEAT),
  });
  console.log(
    `Messages: ${(large.bytes / MB).toFixed(1)} MB (three attachments of ${(large.attachments[0]!.size / MB).toFixed(1)} MB) ` +
      `and ${(typical.bytes / 1000).toFixed(0)} KB (three attachments, read ${TYPICAL_REPEAT} times per run); median of ${RUNS} runs each.`,
  );
  const measured = {
    simple: await median(['simple-parser', large.path]),
    streaming: await median(['streaming-parser', large.path]),
    ceiling: await median(['ceiling', large.path]),
    handler: await median(['handler', INBOUND, large.key], handlerEnv),
    simpleHandler: await median(['simple-parser-handler', INBOUND, large.key], handlerEnv),
    typicalSimple: await median(['simple-parser', typical.path], repeated()),
    typicalStreaming: await median(['streaming-parser', typical.path], repeated()),
    typicalHandler: await median(['handler', INBOUND, typical.key], repeated(handlerEnv)),
    typicalSimpleHandler: await median(['simple-parser-handler', INBOUND, typical.key], repeated(handlerEnv)),
  };
  const mbPerSecond = (message: Generated, result: WorkerResult, repeat = 1): number =>
    (message.bytes * repeat) / MB / result.seconds;
  const largeRate = (result: WorkerResult): number => mbPerSecond(large, result);
  const typicalRate = (result: WorkerResult): number => mbPerSecond(typical, result, TYPICAL_REPEAT);
  const growth = (result: WorkerResult): number => result.peakRssBytes - result.baselineRssBytes;

  console.log('');
  console.log(
    `${'approach'.padEnd(44)}${'time'.padStart(8)}${'MB/s'.padStart(8)}${'peak RSS'.padStart(10)}${'growth'.padStart(9)}  correct`,
  );
  const rows: [string, WorkerResult, number, Generated | null][] = [
    ['38 MB: simpleParser, parse only', measured.simple, largeRate(measured.simple), large],
    ['38 MB: ParseEmail, parse only', measured.streaming, largeRate(measured.streaming), large],
    ['38 MB: base64-decode + SHA-256 (ceiling)', measured.ceiling, largeRate(measured.ceiling), null],
    ['38 MB: ParseEmail handler, S3 → S3', measured.handler, largeRate(measured.handler), large],
    ['38 MB: simpleParser doing the same', measured.simpleHandler, largeRate(measured.simpleHandler), large],
    [
      '300 KB: simpleParser, parse only',
      measured.typicalSimple,
      typicalRate(measured.typicalSimple),
      typical,
    ],
    [
      '300 KB: ParseEmail, parse only',
      measured.typicalStreaming,
      typicalRate(measured.typicalStreaming),
      typical,
    ],
    [
      '300 KB: ParseEmail handler, S3 → S3',
      measured.typicalHandler,
      typicalRate(measured.typicalHandler),
      typical,
    ],
    [
      '300 KB: simpleParser doing the same',
      measured.typicalSimpleHandler,
      typicalRate(measured.typicalSimpleHandler),
      typical,
    ],
  ];
  for (const [name, result, rate, message] of rows) {
    console.log(
      `${name.padEnd(44)}${`${result.seconds.toFixed(2)} s`.padStart(8)}${rate.toFixed(1).padStart(8)}` +
        `${format(result.peakRssBytes).padStart(10)}${`+${format(growth(result))}`.padStart(9)}` +
        `  ${message === null ? '–' : sameAttachments(message, result) ? 'yes' : 'NO'}`,
    );
  }
  console.log(
    'growth: peak RSS above the same process with all modules loaded (simpleParser ' +
      `${format(measured.simple.baselineRssBytes)}, handler ${format(measured.handler.baselineRssBytes)}: it loads the AWS SDK too).`,
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
  const handlerPeaks = shapes.map((shape) => shape.handler.peakLiveBytes ?? 0);
  const spread = Math.max(...parserPeaks) - Math.min(...parserPeaks);
  const flat = spread <= FLAT_TOLERANCE_BYTES;
  const bounded = handlerPeaks.every((peak) => peak <= Math.max(...parserPeaks) + S3_PART_BUFFERS_BYTES);
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
    `Parser memory flat with message size: ${flat ? 'yes' : 'NO'} (spread ${format(spread)}, tolerance ${format(FLAT_TOLERANCE_BYTES)}); ` +
      `handler within the parser's peak plus S3 part buffers (${format(S3_PART_BUFFERS_BYTES)}): ${bounded ? 'yes' : 'NO'}.`,
  );

  const rate = (value: number): string => `${value.toFixed(1)} MB/s`;
  const atLeast = (value: number, baseline: number, target: number, name: string): Figure => ({
    part: PART,
    figure: name,
    value: rate(value),
    baseline: rate(baseline),
    ratio: ratio(value, baseline),
    target: `≥ ${target.toFixed(1)}×`,
    met: value >= target * baseline,
  });
  const figures: Figure[] = [
    atLeast(
      largeRate(measured.streaming),
      largeRate(measured.simple),
      1.5,
      '38 MB, parse only, vs simpleParser',
    ),
    {
      part: PART,
      figure: '38 MB, parse only, vs base64+SHA-256 ceiling',
      value: rate(largeRate(measured.streaming)),
      baseline: rate(largeRate(measured.ceiling)),
      ratio: ratio(largeRate(measured.streaming), largeRate(measured.ceiling)),
      target: 'reported',
    },
    atLeast(
      typicalRate(measured.typicalStreaming),
      typicalRate(measured.typicalSimple),
      1.5,
      '300 KB, parse only, vs simpleParser',
    ),
    atLeast(
      largeRate(measured.handler),
      largeRate(measured.simpleHandler),
      1.0,
      '38 MB, handler S3 → S3, vs simpleParser same job',
    ),
    {
      part: PART,
      figure: '38 MB, handler memory growth, vs simpleParser same job',
      value: format(growth(measured.handler)),
      baseline: format(growth(measured.simpleHandler)),
      ratio: ratio(growth(measured.handler), growth(measured.simpleHandler)),
      target: '≤ 0.6×',
      met: growth(measured.handler) <= 0.6 * growth(measured.simpleHandler),
    },
    atLeast(
      typicalRate(measured.typicalHandler),
      typicalRate(measured.typicalSimpleHandler),
      1.0,
      '300 KB, handler S3 → S3, vs simpleParser same job',
    ),
    {
      part: PART,
      figure: 'live memory, 9 → 38 MB message / 28 MB file: spread',
      value: format(spread),
      baseline: '–',
      ratio: '–',
      target: `flat (≤ ${format(FLAT_TOLERANCE_BYTES)})`,
      met: flat && bounded,
    },
  ];
  const correct =
    rows.every(([, result, , message]) => message === null || sameAttachments(message, result)) &&
    shapes.every(
      (shape) =>
        sameAttachments(shape.message, shape.parser) && sameAttachments(shape.message, shape.handler),
    );
  if (!correct) console.log('Attachments parsed WRONG by at least one run (sizes or SHA-256 differ).');
  figures.push({
    part: PART,
    figure: 'every file read right (size and SHA-256)',
    value: correct ? 'yes' : 'no',
    baseline: '–',
    ratio: '–',
    target: 'yes',
    met: correct,
  });
  reportFigures(figures);
  console.log('');
  for (const figure of figures) {
    console.log(
      `${figure.figure}: ${figure.value} vs ${figure.baseline} (${figure.ratio}), target ${figure.target}` +
        `${figure.met === undefined ? '' : figure.met ? ': met' : ': MISSED'}`,
    );
  }
  process.exitCode = figures.every((figure) => figure.met !== false) ? 0 : 1;
} finally {
  await s3.stop();
  await rm(scratch, { recursive: true, force: true });
}
