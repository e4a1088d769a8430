import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PendingNotifications, PendingSubmission } from '../domain/caseworker-notification.ts';
import { isConditionFailure } from './dynamodb-helpers.ts';

/**
 * A leader that has not sent within this long is taken for dead: its run failed and waits in
 * triage. The window is at most 30 minutes (stage config) and a Lambda runs at most 15.
 */
export const PENDING_STALE_SECONDS = 45 * 60;

/** A pending record is removed by TTL a day after it was started, should its leader never send. */
const KEEP_SECONDS = 86400;

/**
 * One item per case (`pk = CASE#<reference>`, `sk = NOTIFY#PENDING`) with the list of
 * submissions waiting for the caseworker's email. Under the case's partition, so erasing a case
 * erases it too. The first add creates it (that submission leads); later adds append while it
 * exists; the leader removes what it sent, and deletes the item when nothing joined meanwhile.
 */
export class DynamoDbPendingNotifications implements PendingNotifications {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #staleSeconds: number;

  /**
   * @param staleSeconds after this long a pending record's leader is taken for dead (its run was
   *   held after a failure): the next submission takes the lead, so nothing waits for a day.
   */
  constructor(db: DynamoDBDocumentClient, table: string, staleSeconds: number) {
    this.#db = db;
    this.#table = table;
    this.#staleSeconds = staleSeconds;
  }

  async add(reference: string, submission: PendingSubmission, now: Date): Promise<'lead' | 'join'> {
    const key = this.#key(reference);
    for (;;) {
      const current = await this.#get(reference);
      if (current !== null) {
        if (current.leader === submission.messageId) return 'lead';
        if (current.submissions.some((s) => s.messageId === submission.messageId)) return 'join';
        const nowSeconds = Math.floor(now.getTime() / 1000);
        if (nowSeconds - current.startedAt > this.#staleSeconds) {
          try {
            await this.#db.send(
              new UpdateCommand({
                TableName: this.#table,
                Key: key,
                UpdateExpression:
                  'SET leader = :me, startedAt = :now, submissions = list_append(submissions, :one)',
                ConditionExpression: 'leader = :leader',
                ExpressionAttributeValues: {
                  ':me': submission.messageId,
                  ':now': nowSeconds,
                  ':one': [submission],
                  ':leader': current.leader,
                },
              }),
            );
            return 'lead';
          } catch (error) {
            if (!isConditionFailure(error)) throw error;
            continue;
          }
        }
        try {
          await this.#db.send(
            new UpdateCommand({
              TableName: this.#table,
              Key: key,
              UpdateExpression: 'SET submissions = list_append(submissions, :one)',
              // Only while that same record stands: its leader has not removed it yet.
              ConditionExpression: 'leader = :leader',
              ExpressionAttributeValues: { ':one': [submission], ':leader': current.leader },
            }),
          );
          return 'join';
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          continue; // the leader finished meanwhile: try again
        }
      }
      try {
        await this.#db.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: key,
            UpdateExpression:
              'SET leader = :leader, startedAt = :now, submissions = :one, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(pk)',
            ExpressionAttributeValues: {
              ':leader': submission.messageId,
              ':one': [submission],
              ':now': Math.floor(now.getTime() / 1000),
              ':expires': Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
            },
          }),
        );
        return 'lead';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }

  async pending(reference: string): Promise<PendingSubmission[]> {
    return (await this.#get(reference))?.submissions ?? [];
  }

  async remove(reference: string, count: number): Promise<number> {
    for (;;) {
      const current = await this.#get(reference);
      if (current === null) return 0;
      const remaining = current.submissions.length - Math.min(count, current.submissions.length);
      try {
        if (remaining === 0) {
          await this.#db.send(
            new DeleteCommand({
              TableName: this.#table,
              Key: this.#key(reference),
              // Only if nothing joined since it was read.
              ConditionExpression: 'size(submissions) = :n AND leader = :leader',
              ExpressionAttributeValues: { ':n': current.submissions.length, ':leader': current.leader },
            }),
          );
          return 0;
        }
        await this.#db.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: this.#key(reference),
            UpdateExpression: 'SET submissions = :rest',
            ConditionExpression: 'size(submissions) = :n AND leader = :leader',
            ExpressionAttributeValues: {
              ':rest': current.submissions.slice(count),
              ':n': current.submissions.length,
              ':leader': current.leader,
            },
          }),
        );
        return remaining;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }

  async #get(
    reference: string,
  ): Promise<{ leader: string; startedAt: number; submissions: PendingSubmission[] } | null> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: this.#key(reference), ConsistentRead: true }),
    );
    if (Item === undefined || typeof Item.leader !== 'string') return null;
    return {
      leader: Item.leader,
      startedAt: typeof Item.startedAt === 'number' ? Item.startedAt : 0,
      submissions: (Item.submissions ?? []) as PendingSubmission[],
    };
  }

  #key(reference: string): { pk: string; sk: string } {
    return { pk: `CASE#${reference}`, sk: 'NOTIFY#PENDING' };
  }
}
