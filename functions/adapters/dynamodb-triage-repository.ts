import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TriageEntry, TriageReason, TriageRepository } from '../domain/triage.ts';

/**
 * Triage entries in the single table: `pk = TRIAGE`, `sk = <receivedAt>#<messageId>`, so the list
 * reads oldest first. The put is conditional on the message not being there yet: a replayed
 * workflow step leaves the first entry as it was.
 */
export class DynamoDbTriageRepository implements TriageRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async add(entry: TriageEntry): Promise<void> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: 'TRIAGE', sk: `${entry.receivedAt}#${entry.messageId}`, type: 'triage', ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
      throw error;
    }
  }

  async list(): Promise<TriageEntry[]> {
    const entries: TriageEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'TRIAGE' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        entries.push({
          messageId: String(item.messageId),
          reason: item.reason as TriageReason,
          receivedAt: String(item.receivedAt),
          suggestedCases: (item.suggestedCases as string[] | undefined) ?? [],
          detail: (item.detail as string | null | undefined) ?? null,
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return entries;
  }
}
