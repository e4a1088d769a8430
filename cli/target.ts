import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { RuntimeDescription } from '../local/runtime.ts';

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
    return {
      s3: new S3Client({}),
      db: DynamoDBDocumentClient.from(new DynamoDBClient({})),
      tableName,
      documentBucket,
      inboundBucket: env.INTAKE_INBOUND_BUCKET ?? null,
      stepFunctions: new SFNClient({}),
      decisionStateMachineArn: env.INTAKE_DECISION_STATE_MACHINE_ARN ?? null,
      intakeStateMachineArn: env.INTAKE_STATE_MACHINE_ARN ?? null,
    };
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
  return {
    s3: new S3Client({
      endpoint: endpoints.s3,
      forcePathStyle: true,
      region,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    db: DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials }),
    ),
    tableName,
    documentBucket,
    inboundBucket: functionEnvironment.INBOUND_BUCKET ?? null,
    stepFunctions: new SFNClient({ endpoint: endpoints.stepFunctions, region, credentials }),
    decisionStateMachineArn:
      Object.entries(description.stateMachines).find(([logicalId]) =>
        logicalId.startsWith('DecisionWorkflow'),
      )?.[1] ?? null,
    intakeStateMachineArn:
      Object.entries(description.stateMachines).find(([logicalId]) =>
        logicalId.startsWith('IntakeWorkflow'),
      )?.[1] ?? null,
  };
}
