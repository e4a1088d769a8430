import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { CaseFile } from '../domain/case-file.ts';
import type { CaseDirectory, CaseListing, CasePage } from '../domain/case-directory.ts';
import { nameSearchKey } from '../domain/case-directory.ts';
import { toCase } from './dynamodb-case-repository.ts';

/** A page position is a DynamoDB key: string attributes only, as this table's keys are. */
const cursorSchema = z.record(z.string().max(40), z.string().max(400));

/** An unreadable page position (changed by hand): the list starts again from its beginning. */
function decodeCursor(after: string | null): Record<string, string> | undefined {
  if (after === null) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(after, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key === undefined ? null : Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The console's case lists from the table's indexes (keys written by DynamoDbCaseRepository):
 * by status in gsi2, by caseworker in gsi1, name words in gsi2 under `NAME`. Newest reference
 * first. Queries only: a list never reads the whole table.
 */
export class DynamoDbCaseDirectory implements CaseDirectory {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async list(listing: CaseListing): Promise<CasePage> {
    const mine = listing.caseworker !== null;
    const page = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: mine ? 'gsi1' : 'gsi2',
        KeyConditionExpression: mine ? 'gsi1pk = :pk AND begins_with(gsi1sk, :status)' : 'gsi2pk = :pk',
        ExpressionAttributeValues: mine
          ? {
              ':pk': `CASEWORKER#${listing.caseworker!.toLowerCase()}`,
              ':status': `STATUS#${listing.status}#`,
            }
          : { ':pk': `STATUS#${listing.status}` },
        ScanIndexForward: false,
        Limit: listing.pageSize,
        ExclusiveStartKey: decodeCursor(listing.after),
      }),
    );
    return {
      cases: (page.Items ?? []).filter((item) => item.type === 'case').map(toCase),
      next: encodeCursor(page.LastEvaluatedKey),
    };
  }

  async byName(prefix: string, limit: number): Promise<CaseFile[]> {
    const key = nameSearchKey(prefix);
    if (key === '') return [];
    const page = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :word)',
        ExpressionAttributeValues: { ':pk': 'NAME', ':word': key },
        Limit: limit * 3,
      }),
    );
    const references = [...new Set((page.Items ?? []).map((item) => String(item.pk)))].slice(0, limit);
    if (references.length === 0) return [];
    const found = await this.#db.send(
      new BatchGetCommand({
        RequestItems: { [this.#table]: { Keys: references.map((pk) => ({ pk, sk: 'CASE' })) } },
      }),
    );
    return (found.Responses?.[this.#table] ?? [])
      .filter((item) => item.type === 'case')
      .map(toCase)
      .sort((a, b) => b.reference.localeCompare(a.reference));
  }
}
