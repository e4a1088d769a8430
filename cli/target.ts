import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';
import type { RuntimeDescription } from '../local/runtime.ts';

// Each AWS SDK client is loaded when a command first uses it, not when the CLI starts: loading
// all three takes about half a second and 40 MiB, and most commands need one of them, some none
// (a command that fails because no runtime is running fails before any is loaded). The packages
// have no ESM build of their own (no "exports"; `import` loads the same CommonJS files), so a
// synchronous require here yields the very modules a static import would.
const require = createRequire(import.meta.url);

/** A target whose clients are created, and their SDK package loaded, on first use. */
function withLazyClients(
  fields: Omit<Target, 's3' | 'db' | 'stepFunctions'>,
  config: { s3: S3ClientConfig; db: DynamoDBClientConfig; stepFunctions: SFNClientConfig },
): Target {
  let s3: S3Client | undefined;
  let db: DynamoDBDocumentClient | undefined;
  let stepFunctions: SFNClient | undefined;
  // Getters, so never spread this object: spreading would call them and load every SDK.
  return {
    ...fields,
    get s3(): S3Client {
      const sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
      return (s3 ??= new sdk.S3Client(config.s3));
    },
    get db(): DynamoDBDocumentClient {
      const sdk = require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
      const lib = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
      return (db ??= lib.DynamoDBDocumentClient.from(new sdk.DynamoDBClient(config.db)));
    },
    get stepFunctions(): SFNClient {
      const sdk = require('@aws-sdk/client-sfn') as typeof import('@aws-sdk/client-sfn');
      return (stepFunctions ??= new sdk.SFNClient(config.stepFunctions));
    },
  };
}

/**
 * Where the CLI acts: the local runtime (default; found through `.local/runtime.json`, which
 * `npm start` writes into INTAKE_DATA_DIR, default `.local/`), or AWS when INTAKE_TARGET=aws with INTAKE_TABLE_NAME and
 * INTAKE_DOCUMENT_BUCKET (and INTAKE_DECISION_STATE_MACHINE_ARN for decisions, INTAKE_STATE_MACHINE_ARN
 * for retries, INTAKE_INBOUND_BUCKET for erasure) set; credentials
 * and region the usual AWS way.
 */
export interface Target {
  readonly s3: S3Client;
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly documentBucket: string;
  /** Where raw received emails are (erasure deletes them); null when not known. */
  readonly inboundBucket: string | null;
  readonly stepFunctions: SFNClient;
  /** The DecisionWorkflow's ARN; null when not known (decisions then cannot be started). */
  readonly decisionStateMachineArn: string | null;
  /** The IntakeWorkflow's ARN; null when not known (held messages then cannot be retried). */
  readonly intakeStateMachineArn: string | null;
}

export class TargetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUnavailableError';
  }
}

export async function connect(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  if (env.INTAKE_TARGET === 'aws') {
    const tableName = env.INTAKE_TABLE_NAME;
    const documentBucket = env.INTAKE_DOCUMENT_BUCKET;
    if (!tableName || !documentBucket) {
      throw new TargetUnavailableError(
        'INTAKE_TARGET=aws needs INTAKE_TABLE_NAME and INTAKE_DOCUMENT_BUCKET',
      );
    }
    return withLazyClients(
      {
        tableName,
        documentBucket,
        inboundBucket: env.INTAKE_INBOUND_BUCKET ?? null,
        decisionStateMachineArn: env.INTAKE_DECISION_STATE_MACHINE_ARN ?? null,
        intakeStateMachineArn: env.INTAKE_STATE_MACHINE_ARN ?? null,
      },
      { s3: {}, db: {}, stepFunctions: {} },
    );
  }
  let description: RuntimeDescription;
  try {
    description = JSON.parse(
      await readFile(
        join(env.INTAKE_DATA_DIR ?? join(import.meta.dirname, '..', '.local'), 'runtime.json'),
        'utf8',
      ),
    ) as RuntimeDescription;
  } catch {
    throw new TargetUnavailableError(
      'The local pipeline is not running: start it with `npm start` (or set INTAKE_TARGET=aws).',
    );
  }
  const { endpoints, region, credentials, functionEnvironment } = description;
  const tableName = functionEnvironment.TABLE_NAME;
  const documentBucket = functionEnvironment.DOCUMENT_BUCKET;
  if (!tableName || !documentBucket)
    throw new TargetUnavailableError('The local runtime description names no table or document bucket');
  return withLazyClients(
    {
      tableName,
      documentBucket,
      inboundBucket: functionEnvironment.INBOUND_BUCKET ?? null,
      decisionStateMachineArn:
        Object.entries(description.stateMachines).find(([logicalId]) =>
          logicalId.startsWith('DecisionWorkflow'),
        )?.[1] ?? null,
      intakeStateMachineArn:
        Object.entries(description.stateMachines).find(([logicalId]) =>
          logicalId.startsWith('IntakeWorkflow'),
        )?.[1] ?? null,
    },
    {
      s3: {
        endpoint: endpoints.s3,
        forcePathStyle: true,
        region,
        credentials,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
      db: { endpoint: endpoints.dynamodb, region, credentials },
      stepFunctions: { endpoint: endpoints.stepFunctions, region, credentials },
    },
  );
}
