/**
 * One measured run of `npm run bench`, in its own process so that its peak RSS is its own:
 *   node bench/parse-worker.ts simple-parser FILE
 *   node bench/parse-worker.ts streaming-parser FILE
 *   node bench/parse-worker.ts handler BUCKET KEY      (env: DOCUMENT_BUCKET, AWS_ENDPOINT_URL_S3, …)
 *   node bench/parse-worker.ts simple-parser-handler BUCKET KEY   (the same env)
 *   node bench/parse-worker.ts ceiling FILE   (base64-decode and hash every byte: the machine's limit)
 * Modules are loaded before the clock starts (a Lambda loads them once per container). With
 * BENCH_REPEAT=N the job runs N times back to back (a small message takes milliseconds) and the
 * time is that of all N. Prints one JSON line: { seconds, baselineRssBytes, peakRssBytes,
 * peakLiveBytes?, attachments: [{ size, sha256 }] }.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

export interface WorkerResult {
  readonly seconds: number;
  /** RSS with every module loaded, before the message is read. */
  readonly baselineRssBytes: number;
  /** The process's peak RSS over its whole life (getrusage's ru_maxrss). */
  readonly peakRssBytes: number;
  /** Peak of heap plus Buffers still alive, sampled after forced collections (only with BENCH_LIVE_SAMPLE_MS). */
  readonly peakLiveBytes?: number;
  readonly attachments: readonly { readonly size: number; readonly sha256: string }[];
}

type Run = () => Promise<WorkerResult['attachments']>;

async function prepare(mode: string, args: readonly string[]): Promise<Run> {
  if (mode === 'ceiling') {
    // What no parser of this message can beat on this machine: reading it, base64-decoding every
    // byte with Node's native decoder (which skips the line breaks) and hashing the output. It
    // does not split parts, so it decodes the headers too: a few hundred bytes.
    const { createHash } = await import('node:crypto');
    return async () => {
      const hash = createHash('sha256');
      let size = 0;
      let carry: Buffer = Buffer.alloc(0);
      for await (const chunk of createReadStream(args[0]!, { highWaterMark: 64 * 1024 })) {
        const bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
        // Whole lines only (a 76-character base64 line is 19 whole quads); the rest waits.
        const cut = bytes.lastIndexOf(0x0a) + 1;
        carry = bytes.subarray(cut);
        const decoded = Buffer.from(bytes.toString('latin1', 0, cut), 'base64');
        size += decoded.length;
        hash.update(decoded);
      }
      return [{ size, sha256: hash.digest('hex') }];
    };
  }
  if (mode === 'simple-parser') {
    const { createHash } = await import('node:crypto');
    const { simpleParser } = await import('mailparser');
    return async () => {
      const mail = await simpleParser(createReadStream(args[0]!));
      return mail.attachments.map((a) => ({
        size: a.size,
        sha256: createHash('sha256').update(a.content).digest('hex'),
      }));
    };
  }
  if (mode === 'streaming-parser') {
    const { HashingDocumentStore } = await import('../functions/adapters/hashing-document-store.ts');
    const { MailparserEmailParser } = await import('../functions/adapters/mailparser-email-parser.ts');
    const { createCaseReferenceMatcher, DEFAULT_CASE_REFERENCE_FORMAT } =
      await import('../functions/domain/case-reference.ts');
    const { ParseEmail } = await import('../functions/use-cases/parse-email.ts');
    const parseEmail = new ParseEmail({
      parser: new MailparserEmailParser(),
      documents: new HashingDocumentStore(),
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
    });
    return async () => (await parseEmail.run(createReadStream(args[0]!), null)).attachments;
  }
  if (mode === 'simple-parser-handler') {
    // The same job as the handler, the obvious way: the whole message through simpleParser, then
    // one PUT per attachment under its hash. Same S3 client and settings as the handler.
    const { createHash } = await import('node:crypto');
    const { GetObjectCommand, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { simpleParser } = await import('mailparser');
    const { s3 } = await import('../functions/shared/clients/s3.ts');
    const bucket = process.env.DOCUMENT_BUCKET!;
    return async () => {
      const raw = await s3.send(new GetObjectCommand({ Bucket: args[0]!, Key: args[1]! }));
      const mail = await simpleParser(raw.Body as Readable);
      const stored: { size: number; sha256: string }[] = [];
      for (const attachment of mail.attachments) {
        const sha256 = createHash('sha256').update(attachment.content).digest('hex');
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: `documents/${sha256}`, Body: attachment.content }),
        );
        stored.push({ size: attachment.size, sha256 });
      }
      return stored;
    };
  }
  if (mode === 'handler') {
    // The handler reads its environment at import: the parent set it before starting this process.
    const { handler } = await import('../functions/handlers/parse-email.ts');
    const { ALL_PASS } = await import('../test/helpers/verdicts.ts');
    const event = {
      messageId: 'bench-message',
      rawMail: { bucket: args[0]!, key: args[1]! },
      recipients: ['intake+ABH-2026-004711@abh.example.de'],
      envelopeSender: 'other',
      receivedAt: new Date().toISOString(),
      verdicts: ALL_PASS,
    };
    const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 900_000 };
    return async () => (await handler(event, context as never)).attachments;
  }
  throw new Error(
    `Unknown mode ${mode}: simple-parser | streaming-parser | handler | simple-parser-handler | ceiling`,
  );
}

const [mode = '', ...args] = process.argv.slice(2);
const run = await prepare(mode, args);
const baselineRssBytes = process.memoryUsage().rss;
/**
 * With BENCH_LIVE_SAMPLE_MS set (and --expose-gc), collects garbage and samples what is still
 * alive every so often: the live peak, which unlike RSS does not depend on when V8 chooses to
 * collect (it lets tens of MB of dead Buffers pile up before it does).
 */
const sampleEvery = Number(process.env.BENCH_LIVE_SAMPLE_MS ?? 0);
const collect = (globalThis as { gc?: () => void }).gc;
let peakLiveBytes = 0;
const sampler =
  sampleEvery > 0 && collect !== undefined
    ? setInterval(() => {
        collect();
        const usage = process.memoryUsage();
        peakLiveBytes = Math.max(peakLiveBytes, usage.heapUsed + usage.arrayBuffers);
      }, sampleEvery)
    : undefined;
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const started = performance.now();
let attachments = await run();
for (let again = 1; again < repeat; again += 1) attachments = await run();
const seconds = (performance.now() - started) / 1000;
if (sampler !== undefined) clearInterval(sampler);
const result: WorkerResult = {
  seconds,
  baselineRssBytes,
  // ru_maxrss is in kilobytes on Linux.
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  ...(sampler === undefined ? {} : { peakLiveBytes }),
  attachments: attachments.map((a) => ({ size: a.size, sha256: a.sha256 })),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
