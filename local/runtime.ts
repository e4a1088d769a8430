import { longTimers } from './long-timers.ts';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STAGING_PREFIX } from '../functions/adapters/s3-document-store.ts';
import {
  ensurePortsFree,
  freePort,
  ensureTable,
  s3rverClient,
  S3RVER_CREDENTIALS,
  startDynamoDb,
  startS3,
  startSes,
  type RunningEmulator,
} from './emulators.ts';
import { LocalLambda } from './local-lambda.ts';
import { lambdaRuntimeEnvironment } from './lambda-environment.ts';
import { LocalSecretsManager } from './secrets-manager-service.ts';
import { startSmtpIntake, type VerdictsFor } from './smtp-intake.ts';
import { LocalStepFunctions, type Execution } from './step-functions-service.ts';
import { synthesizeApp, type SynthesizedApp } from './synthesized-app.ts';
import { LOCAL_REGION } from './cloudformation.ts';
import { clamScanAvailable } from '../functions/adapters/clamav-malware-scanner.ts';
import type { LocalMalwareProtection, S3ObjectEvent } from './malware-protection.ts';
import { startMalwareProtectionProcess } from './malware-protection-process.ts';
import { startLocalConsole } from './console-server.ts';

/**
 * The whole pipeline on one machine with no AWS account: the stand-ins, every Lambda of the CDK
 * app in its own worker, the synthesized state machines, and the SMTP intake. Used by
 * `npm start` and by the end-to-end tests.
 */
export interface LocalRuntimeOptions {
  /**
   * Ports; 0 picks a free one. Defaults: SMTP 2525, S3 4569, DynamoDB 8765, SES 8005, Step
   * Functions 8083, Secrets Manager a free one (only the functions use it), the caseworker
   * console 8080.
   */
  readonly ports?: Partial<Record<keyof typeof DEFAULT_PORTS, number>>;
  /** Where S3 objects (and, if `persist`, DynamoDB data) live. */
  readonly dataDir: string;
  /** Keep DynamoDB data across restarts (npm start) or keep it in memory (tests). */
  readonly persist?: boolean;
  /** Per-sender verdicts the local "SES" reports; all PASS by default. */
  readonly verdictsFor?: VerdictsFor;
  /** Milliseconds per Wait state name, to shorten waits in tests. */
  readonly waitTimeOverrides?: Record<string, number>;
  /**
   * Milliseconds between two runs of an EventBridge schedule, by the start of its rule's logical
   * id (e.g. `TriageDigestSchedule`), to run hourly schedules sooner in tests.
   */
  readonly scheduleOverrides?: Record<string, number>;
  /** Load every handler at start (default) or on its first invocation, as Lambda does (tests). */
  readonly warmLambdas?: boolean;
  /**
   * Other values for variables the CDK app already gives its functions (e.g. POWERTOOLS_LOG_LEVEL).
   * Naming a variable no function has is refused: locally a function gets exactly its environment.
   */
  readonly lambdaEnvironment?: Record<string, string>;
  /** The ClamAV scanner program; default `clamscan` (a missing one means files are not scanned). */
  readonly clamscan?: string;
  /** Progress lines for a person watching (no personal data goes through here). */
  readonly log?: (line: string) => void;
}

export interface LocalEndpoints {
  readonly smtp: { readonly host: string; readonly port: number };
  readonly s3: string;
  readonly dynamodb: string;
  readonly ses: string;
  readonly stepFunctions: string;
  readonly secretsManager: string;
  /** The caseworker console (and the caseworker JSON API under /api). */
  readonly console: string;
}

/** What the CLI needs to find the running local runtime (written to `.local/runtime.json`). */
export interface RuntimeDescription {
  readonly endpoints: LocalEndpoints;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly buckets: Record<string, string>;
  readonly tables: readonly string[];
  readonly stateMachines: Record<string, string>;
  readonly functionEnvironment: Record<string, string>;
}

export interface LocalRuntime {
  readonly endpoints: LocalEndpoints;
  readonly app: SynthesizedApp;
  readonly stepFunctions: LocalStepFunctions;
  readonly description: RuntimeDescription;
  /** An S3 client for the local S3. */
  readonly s3: S3Client;
  /** Every Lambda of the CDK app, by logical id, running locally. */
  readonly lambdas: ReadonlyMap<string, LocalLambda>;
  /** Whether ClamAV scans files here; without it every file is marked "not scanned", never clean. */
  readonly malwareScanning: boolean;
  /** Resolves with the execution started for an SES message id, once it has finished. */
  waitForExecution(sesMessageId: string, timeoutMs?: number): Promise<Execution>;
  stop(): Promise<void>;
}

/**
 * The signatures the local scanner uses: EICAR and the project's own test markers, shipped in the
 * repository (nothing is downloaded). Enough to prove the path; not a real virus database.
 */
export const CLAMAV_SIGNATURES = join(import.meta.dirname, 'clamav');

/** Milliseconds the local workflow waits between two reads of the scan results. */
const LOCAL_SCAN_POLL_MS = 200;

/** Local credentials; s3rver accepts only these, the other stand-ins accept any. */
const LOCAL_CREDENTIALS = S3RVER_CREDENTIALS;

export const DEFAULT_PORTS = {
  smtp: 2525,
  s3: 4569,
  dynamodb: 8765,
  ses: 8005,
  stepFunctions: 8083,
  secretsManager: 0,
  console: 8080,
} as const;

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const port = async (name: keyof typeof DEFAULT_PORTS): Promise<number> => {
    const chosen = options.ports?.[name] ?? DEFAULT_PORTS[name];
    return chosen === 0 ? freePort() : chosen;
  };
  await ensurePortsFree({ ...DEFAULT_PORTS, ...options.ports });
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    stoppers.length = 0;
  };

  try {
    const app = await synthesizeApp();
    const known = new Set([...app.functions.values()].flatMap((fn) => Object.keys(fn.environment)));
    const unknown = Object.keys(options.lambdaEnvironment ?? {}).filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw new Error(`No function of the CDK app has ${unknown.join(', ')}: it cannot be set locally`);
    await mkdir(options.dataDir, { recursive: true });

    // DynamoDB Local's JVM takes seconds to answer: it starts first and comes up while the other
    // stand-ins start and the handlers load, instead of before them. Processes are spawned here,
    // while this process is small (see local/malware-protection-process.ts for what a spawn
    // costs once every handler's worker is loaded).
    const dynamoPort = await port('dynamodb');
    const dynamoStarting = startDynamoDb(
      dynamoPort,
      options.persist ? join(options.dataDir, 'dynamodb') : null,
    );
    stoppers.push(async () => (await dynamoStarting.catch(() => undefined))?.stop());
    dynamoStarting.catch(() => undefined); // awaited below; until then a failure waits there
    const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
    const clamscan = options.clamscan ?? 'clamscan';
    const scanningAvailable = clamScanAvailable(clamscan);

    // GuardDuty's stand-in scans each file as it lands in staging/ (see local/malware-protection.ts).
    let onS3Event: (event: S3ObjectEvent) => void = () => undefined;
    const s3Emulator: RunningEmulator = await startS3(
      await port('s3'),
      join(options.dataDir, 's3'),
      [...app.buckets.values()],
      (event) => onS3Event(event),
    );
    stoppers.push(s3Emulator.stop);
    const documentBucket = [...app.functions.values()].find((f) => f.environment.DOCUMENT_BUCKET)?.environment
      .DOCUMENT_BUCKET;
    let protection: LocalMalwareProtection | undefined;
    if (documentBucket !== undefined) {
      protection = await startMalwareProtectionProcess(
        {
          s3Endpoint: s3Emulator.endpoint,
          bucket: documentBucket,
          prefix: STAGING_PREFIX,
          database: CLAMAV_SIGNATURES,
          clamscan,
        },
        log,
      );
      stoppers.push(protection.stop);
    }
    const ses = await startSes(await port('ses'));
    stoppers.push(ses.stop);

    const lambdas = new Map<string, LocalLambda>();
    const stepFunctions = new LocalStepFunctions(
      app.stateMachines,
      (_state, fn, input) => {
        const lambda = lambdas.get(fn);
        if (lambda === undefined) throw new Error(`No local function ${fn}`);
        return lambda.invoke(input);
      },
      // ClamAV answers in well under a second where GuardDuty takes seconds to minutes: locally the
      // workflow asks for scan results again sooner than the synthesized 10 s.
      { AwaitMalwareScan: LOCAL_SCAN_POLL_MS, ...options.waitTimeOverrides },
    );
    const sfnPort = await stepFunctions.listen(await port('stepFunctions'));
    stoppers.push(() => stepFunctions.close());
    const sfnEndpoint = `http://127.0.0.1:${sfnPort}`;

    const secretsManager = new LocalSecretsManager(app.secrets, join(options.dataDir, 'secrets'));
    const secretsPort = await secretsManager.listen(await port('secretsManager'));
    stoppers.push(() => secretsManager.close());
    const secretsEndpoint = `http://127.0.0.1:${secretsPort}`;

    const endpointsForSdk = {
      AWS_ENDPOINT_URL_S3: s3Emulator.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint,
    };
    for (const fn of app.functions.values()) {
      const overrides = Object.entries(options.lambdaEnvironment ?? {}).filter(
        ([name]) => name in fn.environment,
      );
      lambdas.set(
        fn.logicalId,
        new LocalLambda(
          fn.logicalId,
          fn.entry,
          {
            ...lambdaRuntimeEnvironment(fn, LOCAL_REGION, LOCAL_CREDENTIALS),
            ...endpointsForSdk,
            ...fn.environment,
            ...Object.fromEntries(overrides),
          },
          { memorySize: fn.memorySize, timeoutSeconds: fn.timeoutSeconds },
          fn.iam,
        ),
      );
    }
    stoppers.push(async () => {
      await Promise.all([...lambdas.values()].map((l) => l.stop()));
    });
    // npm start loads every handler up front, so a broken one fails the start, not the first
    // email; they load while DynamoDB Local comes up (no handler touches a table as it loads).
    const warming =
      (options.warmLambdas ?? true) ? Promise.all([...lambdas.values()].map((l) => l.ready())) : undefined;
    warming?.catch(() => undefined); // awaited below, after DynamoDB
    const dynamo = await dynamoStarting;
    for (const [name, properties] of app.tables) await ensureTable(dynamo.client, name, properties);
    await warming;

    const s3 = s3rverClient(s3Emulator.endpoint);
    stoppers.push(async () => s3.destroy());
    const malwareScanning = await scanningAvailable;
    if (protection !== undefined) onS3Event = (event) => protection.onEvent(event);
    // s3rver removes a folder when its last object goes; an upload into that folder at the same
    // moment then fails and takes s3rver down. A placeholder keeps the staging folder in place.
    for (const bucket of app.buckets.values()) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: `${STAGING_PREFIX}.keep`, Body: Buffer.alloc(0) }),
      );
    }

    const rule = app.receiptRules[0];
    if (rule === undefined) throw new Error('The CDK app has no SES receipt rule with an S3 action');
    const smtp = await startSmtpIntake({
      port: await port('smtp'),
      rule,
      s3,
      verdictsFor: options.verdictsFor ?? (() => ({})),
      deliver: async ({ messageId, sqsEvent }) => {
        log(`received   ${messageId} → s3://${rule.bucket}/${rule.objectKeyPrefix}${messageId}`);
        for (const consumer of app.notificationConsumers) {
          const response = (await lambdas.get(consumer)!.invoke(sqsEvent)) as {
            batchItemFailures?: unknown[];
          } | null;
          if ((response?.batchItemFailures ?? []).length > 0) {
            log(
              `notification for ${messageId} failed in ${consumer}; on AWS SQS would retry it, then move it to the DLQ`,
            );
          }
        }
      },
      onDeliveryError: (error) =>
        log(`SMTP stand-in failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    stoppers.push(smtp.stop);

    // EventBridge schedules: each invokes its function as EventBridge would (an asynchronous
    // invocation with a Scheduled Event), on the rule's own rate unless a test shortens it.
    for (const schedule of app.schedules) {
      const override = Object.entries(options.scheduleOverrides ?? {}).find(([prefix]) =>
        schedule.ruleId.startsWith(prefix),
      )?.[1];
      const timer = longTimers(globalThis).setTimeout(function run() {
        void lambdas
          .get(schedule.functionId)!
          .invoke({
            version: '0',
            'detail-type': 'Scheduled Event',
            source: 'aws.events',
            time: new Date().toISOString(),
            resources: [schedule.ruleId],
            detail: {},
          })
          .catch((error: unknown) =>
            log(
              `schedule ${schedule.ruleId} failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          )
          .finally(() => {
            if (stopped) return;
            current = longTimers(globalThis).setTimeout(run, override ?? schedule.periodMs);
            (current as { unref?: () => void }).unref?.();
          });
      }, override ?? schedule.periodMs);
      let current: unknown = timer;
      let stopped = false;
      (timer as { unref?: () => void }).unref?.();
      stoppers.push(async () => {
        stopped = true;
        longTimers(globalThis).clearTimeout(current);
      });
    }
    const consoleServer = await startLocalConsole({
      port: await port('console'),
      app,
      lambdas,
      s3,
      endpoints: { dynamodb: dynamo.endpoint, stepFunctions: sfnEndpoint },
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    stoppers.push(consoleServer.stop);

    const endpoints: LocalEndpoints = {
      smtp: { host: '127.0.0.1', port: smtp.port },
      s3: s3Emulator.endpoint,
      dynamodb: dynamo.endpoint,
      ses: ses.endpoint,
      stepFunctions: sfnEndpoint,
      secretsManager: secretsEndpoint,
      console: consoleServer.url,
    };
    const functionEnvironment = Object.assign(
      {},
      ...[...app.functions.values()].map((f) => f.environment),
    ) as Record<string, string>;
    const description: RuntimeDescription = {
      endpoints,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      buckets: Object.fromEntries(app.buckets),
      tables: [...app.tables.keys()],
      stateMachines: Object.fromEntries(app.stateMachines.map((m) => [m.logicalId, m.arn])),
      functionEnvironment,
    };

    return {
      endpoints,
      app,
      stepFunctions,
      description,
      s3,
      lambdas,
      malwareScanning,
      async waitForExecution(sesMessageId, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const execution = stepFunctions.executions().find((e) => e.name === sesMessageId);
          if (execution) {
            await execution.finished;
            return execution;
          }
          if (Date.now() > deadline)
            throw new Error(`No execution for ${sesMessageId} within ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Writes where the runtime is, for the `intake` CLI; removed again on stop. */
export async function writeRuntimeDescription(
  path: string,
  description: RuntimeDescription,
): Promise<() => Promise<void>> {
  await writeFile(path, `${JSON.stringify(description, null, 2)}\n`);
  return () => rm(path, { force: true });
}
