import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { normaliseAddress } from '../domain/case-file.ts';
import type {
  UndeliverableAddress,
  UndeliverableAddresses,
  UndeliverableReason,
} from '../domain/undeliverable-addresses.ts';
import { putIfAbsent, queryAll } from './dynamodb-helpers.ts';

/**
 * Undeliverable addresses in the single table, next to the case's other items:
 * `pk = CASE#<ref>`, `sk = UNDELIVERABLE#<address>` (lowercase). One item per address; the put is
 * conditional, so a redelivered or repeated report keeps the first one.
 */
export class DynamoDbUndeliverableAddresses implements UndeliverableAddresses {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async mark(reference: string, address: string, reason: UndeliverableReason, at: string): Promise<void> {
    const lower = normaliseAddress(address);
    await putIfAbsent(this.#db, this.#table, {
      pk: `CASE#${reference}`,
      sk: `UNDELIVERABLE#${lower}`,
      type: 'undeliverable',
      address: lower,
      reason,
      at,
    });
  }

  async list(reference: string): Promise<UndeliverableAddress[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':prefix': 'UNDELIVERABLE#' },
    });
    return items.map((item) => ({
      address: String(item.address),
      reason: item.reason as UndeliverableReason,
      at: String(item.at),
    }));
  }
}
