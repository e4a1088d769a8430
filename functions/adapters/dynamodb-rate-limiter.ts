import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../domain/outbound-message.ts';
import { isConditionFailure } from './dynamodb-helpers.ts';

/**
 * One item per key (`pk = RATE#<key>`) holding when the current period ends. The conditional put
 * makes two concurrent callers agree: exactly one of them gets the slot. TTL removes old items.
 */
export class DynamoDbRateLimiter implements RateLimiter {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async tryAcquire(key: string, periodSeconds: number, now: Date): Promise<boolean> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            pk: `RATE#${key}`,
            sk: 'RATE',
            until: nowSeconds + periodSeconds,
            expiresAt: nowSeconds + periodSeconds + 86400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
