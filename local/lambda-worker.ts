import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { FunctionIam } from './iam-policies.ts';
import type { FaultPort } from './fault-injection.ts';
import { useCompileCache } from './compile-cache.ts';

// Before anything heavy loads: the guard's SDK client and the handler's modules come compiled.
useCompileCache();
const { installIamGuard } = await import('./iam-guard.ts');
const { listenForFaults } = await import('./fault-injection.ts');

/**
 * Runs one Lambda handler in its own thread with its own environment, as one Lambda container
 * would: the module loads once (cold start), then serves invocations one at a time.
 */
interface Invocation {
  readonly id: number;
  readonly event: unknown;
}

const { entry, functionName, memorySize, timeoutSeconds, iam, iamUsageFile, usageFile } = workerData as {
  entry: string;
  functionName: string;
  memorySize: number;
  timeoutSeconds: number;
  iam?: FunctionIam;
  iamUsageFile?: string;
  usageFile?: string;
};
// IAM as on AWS: in place before the handler module loads, so no SDK call goes around it.
if (iam) installIamGuard(iam, iamUsageFile);
// Test-only: a test may make this function's AWS calls fail (local/fault-injection.ts).
listenForFaults((workerData as { faultPort?: FaultPort }).faultPort);
// Bench only: durations and AWS calls, for the cost benchmark (local/usage-meter.ts).
const meter =
  usageFile === undefined
    ? undefined
    : new (await import('./usage-meter.ts')).UsageMeter(usageFile, functionName);
meter?.installOnSdk();
const loadStarted = performance.now();
const module = (await import(pathToFileURL(entry).href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
meter?.record({ kind: 'init', function: functionName, ms: performance.now() - loadStarted });

let requests = 0;
parentPort!.on('message', async ({ id, event }: Invocation) => {
  requests += 1;
  const deadline = Date.now() + timeoutSeconds * 1000;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionName,
    memoryLimitInMB: String(memorySize),
    awsRequestId: `local-${functionName}-${requests}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  const started = performance.now();
  try {
    const result = await module.handler(event, context);
    meter?.record({ kind: 'invoke', function: functionName, ms: performance.now() - started, ok: true });
    parentPort!.postMessage({ id, result: result ?? null });
  } catch (error) {
    meter?.record({ kind: 'invoke', function: functionName, ms: performance.now() - started, ok: false });
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    parentPort!.postMessage({ id, error: { name, message } });
  }
});
parentPort!.postMessage({ ready: true });
