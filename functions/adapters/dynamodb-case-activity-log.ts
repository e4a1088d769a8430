import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseActivity, CaseActivityLog } from '../domain/case-activity.ts';
import { queryAll } from './dynamodb-helpers.ts';

/**
 * A case's activity in the single table: `CASE#<ref>` / `ACT#<at>#<uuid>`, so it reads in order
 * and is erased with the case (erasure deletes every item of the case's partition).
 */
export class DynamoDbCaseActivityLog implements CaseActivityLog {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async record(reference: string, activity: CaseActivity): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          pk: `CASE#${reference}`,
          sk: `ACT#${activity.at}#${randomUUID()}`,
          type: 'activity',
          ...activity,
        },
      }),
    );
  }

  async list(reference: string): Promise<CaseActivity[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':prefix': 'ACT#' },
    });
    return items.map(({ pk: _pk, sk: _sk, type: _type, ...activity }) => activity as unknown as CaseActivity);
  }
}
