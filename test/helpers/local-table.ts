import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, freePort, startDynamoDb } from '../../local/emulators.ts';
import { synthesizeApp } from '../../local/synthesized-app.ts';

/** DynamoDB Local on a free port with the table exactly as the CDK app defines it. */
export interface TestTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  stop(): Promise<void>;
}

export async function startTestTable(): Promise<TestTable> {
  const app = await synthesizeApp();
  const [[tableName, properties]] = [...app.tables] as [[string, Record<string, unknown>]];
  const dynamo = await startDynamoDb(await freePort(), null);
  await ensureTable(dynamo.client, tableName, properties);
  const db = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
  return { db, tableName, stop: dynamo.stop };
}
