/**
 * One cold start, in a fresh Node process started by bench/cold-start.ts:
 *
 *   node bench/cold-start-worker.ts BUNDLE EVENT_FILE
 *
 * imports the bundle (everything its module scope does, top-level awaits included: what Lambda's
 * init phase runs) and hands its handler one event, then writes both times to file descriptor 3
 * as JSON. Node's own start and this file's loading come before the clock starts: on Lambda they
 * are the runtime's start, not the function's.
 */
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
if (bundle === undefined || eventFile === undefined)
  throw new Error('usage: cold-start-worker BUNDLE EVENT_FILE');
const event: unknown = JSON.parse(readFileSync(eventFile, 'utf8'));

/** The parts of Lambda's context the handlers read. */
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
  awsRequestId: 'bench-request',
  logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const started = performance.now();
const module = (await import(pathToFileURL(bundle).href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const imported = performance.now();
let outcome = 'returned';
try {
  await module.handler(event, context);
} catch (error) {
  // The error's kind only: its message may quote the event.
  const { name, code } = error as { name?: string; code?: unknown };
  outcome = `threw ${name ?? 'a non-error'}${typeof code === 'string' ? ` ${code}` : ''}`;
}
const handled = performance.now();
writeSync(3, JSON.stringify({ importMs: imported - started, eventMs: handled - imported, outcome }));
// Sockets the SDK keeps alive would hold the process; Lambda would freeze it here instead.
process.exit(0);
