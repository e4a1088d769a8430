import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DigestCursor } from '../domain/triage-digest.ts';
import { isConditionFailure } from './dynamodb-helpers.ts';

/** One item (`pk = DIGEST#<name>`): the newest arrival told; it only ever moves forward. */
export class DynamoDbDigestCursor implements DigestCursor {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #key: { pk: string; sk: string };

  constructor(db: DynamoDBDocumentClient, table: string, name: string) {
    this.#db = db;
    this.#table = table;
    this.#key = { pk: `DIGEST#${name}`, sk: 'DIGEST' };
  }

  async get(): Promise<string | null> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: this.#key, ConsistentRead: true }),
    );
    return typeof Item?.newest === 'string' ? Item.newest : null;
  }

  async set(newest: string): Promise<void> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...this.#key, newest },
          ConditionExpression: 'attribute_not_exists(pk) OR newest < :newest',
          ExpressionAttributeValues: { ':newest': newest },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // a later digest got there first
    }
  }
}
