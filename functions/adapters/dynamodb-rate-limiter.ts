import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter } from '../domain/outbound-message.ts';
import { isConditionFailure } from './dynamodb-helpers.ts';

/**
 * How long a reservation holds while its send is under way: Lambda's longest run, so a
 * reservation whose Lambda died frees itself and blocks the next send for minutes, not a period.
 */
const RESERVATION_SECONDS = 15 * 60;

/** Items are kept a day past their period, then TTL removes them. */
const KEEP_SECONDS = 86400;

/**
 * One item per key (`pk = RATE#<key>`): who holds the slot, whether the send is `reserved` (under
 * way) or `sent`, and until when (`until`, epoch seconds). Conditional writes make concurrent
 * callers agree: exactly one of them gets a free slot.
 */
export class DynamoDbRateLimiter implements RateLimiter {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async reserve(key: string, holder: string, now: Date): Promise<boolean> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: this.#item(key, holder, 'reserved', nowSeconds + RESERVATION_SECONDS),
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Taken: by this holder itself (a retried step) it stays as it is and the send may go on.
    const current = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: this.#key(key), ConsistentRead: true }),
    );
    return current.Item?.holder === holder;
  }

  async confirm(key: string, holder: string, sentAt: Date, periodSeconds: number): Promise<void> {
    const until = Math.floor(sentAt.getTime() / 1000) + periodSeconds;
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: this.#item(key, holder, 'sent', until),
          // Not over a later period: only when another send confirmed after this one went out.
          ConditionExpression: 'attribute_not_exists(pk) OR holder = :holder OR #until < :until',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':holder': holder, ':until': until },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async release(key: string, holder: string): Promise<void> {
    try {
      await this.#db.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: this.#key(key),
          ConditionExpression: 'holder = :holder AND #state = :reserved',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':holder': holder, ':reserved': 'reserved' },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // another holder's slot, or a send that went out
    }
  }

  #key(key: string): { pk: string; sk: string } {
    return { pk: `RATE#${key}`, sk: 'RATE' };
  }

  #item(key: string, holder: string, state: 'reserved' | 'sent', until: number): Record<string, unknown> {
    return { ...this.#key(key), holder, state, until, expiresAt: until + KEEP_SECONDS };
  }
}
