import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { CaseErasureRecords, CaseTombstone, ErasedCaseRecords } from '../domain/erasure.ts';
import { isConditionFailure, queryAll } from './dynamodb-helpers.ts';

/** `type` of the item that replaces an erased case at `CASE#<ref>` / `CASE`. */
export const TOMBSTONE_TYPE = 'erased';

/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;

/**
 * Erasure in the single table (key design: see DynamoDbCaseRepository). Everything of a case lives
 * under `pk = CASE#<ref>`; the case item itself (`sk = CASE`) is overwritten by the tombstone, so
 * `create` still finds the reference taken and `get` no longer finds a case.
 */
export class DynamoDbCaseErasure implements CaseErasureRecords {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async tombstone(reference: string): Promise<CaseTombstone | null> {
    const { Item: item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }),
    );
    if (item?.type !== TOMBSTONE_TYPE) return null;
    return {
      reference: String(item.reference),
      erasedAt: String(item.erasedAt),
      erasedBy: String(item.erasedBy),
      erased: item.erased as CaseTombstone['erased'],
    };
  }

  /**
   * Documents are keyed by case, not by hash, so this reads the table (Scan, filtered to the
   * document items of these hashes). Erasure is rare and must not delete a file another case
   * holds, also one recorded before any index by hash could have existed.
   */
  async casesHoldingDocuments(sha256s: readonly string[], except: string): Promise<Map<string, string[]>> {
    const holders = new Map<string, string[]>();
    if (sha256s.length === 0) return holders;
    const wanted = new Set(sha256s.map((sha256) => `DOC#${sha256}`));
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#db.send(
        new ScanCommand({
          TableName: this.#table,
          FilterExpression: 'begins_with(sk, :doc) AND pk <> :self',
          ExpressionAttributeValues: { ':doc': 'DOC#', ':self': `CASE#${except}` },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const sk = String(item.sk);
        if (!wanted.has(sk)) continue;
        const sha256 = sk.slice('DOC#'.length);
        holders.set(sha256, [...(holders.get(sha256) ?? []), String(item.pk).slice('CASE#'.length)]);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return holders;
  }

  async erase(
    reference: string,
    tombstone: (records: ErasedCaseRecords) => CaseTombstone,
  ): Promise<ErasedCaseRecords> {
    const pk = `CASE#${reference}`;
    const items = (
      await queryAll(this.#db, {
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
      })
    ).filter((item) => item.sk !== 'CASE');
    const count = (prefix: string): number => items.filter((i) => String(i.sk).startsWith(prefix)).length;
    const records: ErasedCaseRecords = {
      contacts: count('CONTACT#'),
      documents: count('DOC#'),
      logEntries: count('LOG#'),
      otherRecords: items.length - count('CONTACT#') - count('DOC#') - count('LOG#'),
    };
    const { reference: _r, ...rest } = tombstone(records);
    try {
      // Written first: from here on no step finds the case, and the reference stays taken.
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk, sk: 'CASE', type: TOMBSTONE_TYPE, reference, ...rest },
          ConditionExpression: 'attribute_not_exists(pk) OR #type <> :tombstone',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':tombstone': TOMBSTONE_TYPE },
        }),
      );
    } catch (error) {
      // Erased before (a second run): the first tombstone stays as it was.
      if (!isConditionFailure(error)) throw error;
    }
    await this.#deleteAll(items.map((item) => ({ pk: item.pk, sk: item.sk })));
    return records;
  }

  async forgetRateLimits(keys: readonly string[]): Promise<number> {
    let forgotten = 0;
    for (const key of keys) {
      const result = await this.#db.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: { pk: `RATE#${key}`, sk: 'RATE' },
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (result.Attributes !== undefined) forgotten += 1;
    }
    return forgotten;
  }

  async #deleteAll(keys: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH) {
      let requests = keys.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        const result = await this.#db.send(
          new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.#table] ?? []) as typeof requests;
        if (attempt > 8 && requests.length > 0) throw new Error('DynamoDB left deletes unprocessed');
      }
    }
  }
}
