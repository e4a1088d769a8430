import { DynamoDbCaseRepository } from '../adapters/dynamodb-case-repository.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseReferenceFormatFromEnv } from './case-reference-format.ts';

/** The case repository as every handler and the CLI build it: table plus the reference format. */
export function caseRepository(
  db: DynamoDBDocumentClient,
  table: string,
  env: NodeJS.ProcessEnv = process.env,
): DynamoDbCaseRepository {
  const format = caseReferenceFormatFromEnv(env);
  return new DynamoDbCaseRepository(db, table, { prefix: format.prefixes[0]!, digits: format.numberDigits });
}
