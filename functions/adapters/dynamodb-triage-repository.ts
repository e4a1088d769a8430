import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { InboundEmail } from '../domain/inbound-email.ts';
import type { IntakeRequest } from '../domain/intake-request.ts';
import type {
  HeldEntry,
  TriageDismissal,
  TriageDismissals,
  TriageEntry,
  TriageReason,
} from '../domain/triage.ts';
import type { TriageRepository } from '../domain/triage.ts';
import { cancellationReasons, isConditionFailure, putIfAbsent, queryAll } from './dynamodb-helpers.ts';

/**
 * Triage entries in the single table: `pk = TRIAGE`, `sk = <receivedAt>#<messageId>`, so the list
 * reads oldest first; `gsi1pk = TRIAGE#<messageId>` finds one entry by its message. The put is
 * conditional on the message not being there yet: a replayed workflow step leaves the first entry.
 */
export class DynamoDbTriageRepository implements TriageRepository, TriageDismissals {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  readonly #retentionSeconds: number | null;
  readonly #now: () => Date;

  /**
   * @param options.retentionDays when set, each entry carries `expiresAt` (the table's TTL
   *   attribute) that many days after it was added, and DynamoDB removes it then.
   */
  constructor(
    db: DynamoDBDocumentClient,
    table: string,
    options: { retentionDays?: number; now?: () => Date } = {},
  ) {
    this.#db = db;
    this.#table = table;
    this.#retentionSeconds = options.retentionDays === undefined ? null : options.retentionDays * 86400;
    this.#now = options.now ?? (() => new Date());
  }

  /** The stored item, with `expiresAt` (the table's TTL attribute) where a retention is set. */
  #item(entry: TriageEntry): Record<string, unknown> {
    return {
      ...toItem(entry),
      ...(this.#retentionSeconds === null
        ? {}
        : { expiresAt: Math.floor(this.#now().getTime() / 1000) + this.#retentionSeconds }),
    };
  }

  async add(entry: TriageEntry): Promise<void> {
    // The same message may come back with another receivedAt (a replayed step): look it up first.
    if ((await this.get(entry.messageId)) !== null) return;
    await putIfAbsent(this.#db, this.#table, this.#item(entry));
  }

  async hold(entry: HeldEntry): Promise<void> {
    const existing = await this.get(entry.messageId);
    if (existing === null) return this.add(entry);
    // Triaged for another reason, or held by this attempt or a later one: that entry stands.
    if (existing.reason !== 'processing-error' || (existing.attempts ?? 1) >= entry.attempts) return;
    try {
      // Under the existing key (and its receivedAt), so the entry keeps its place in the list;
      // conditional, so a slower earlier attempt can never overwrite a later one.
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: this.#item({ ...entry, receivedAt: existing.receivedAt }),
          ConditionExpression: '#reason = :held AND (attribute_not_exists(attempts) OR attempts < :attempt)',
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExpressionAttributeValues: { ':held': 'processing-error', ':attempt': entry.attempts },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async list(): Promise<TriageEntry[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'TRIAGE' },
    });
    return items.map(toEntry);
  }

  async get(messageId: string): Promise<TriageEntry | null> {
    const page = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `TRIAGE#${messageId}` },
      }),
    );
    const [item] = page.Items ?? [];
    return item === undefined ? null : toEntry(item);
  }

  /**
   * Removes the entry and keeps the dismissal (`DISMISSED#<messageId>` / `DISMISSED`) in one
   * transaction, so an entry never goes without its record; the record expires with the
   * triage retention, as the entry would have.
   */
  async dismiss(dismissal: TriageDismissal): Promise<boolean> {
    const entry = await this.get(dismissal.messageId);
    if (entry === null) return false;
    const expiry =
      this.#retentionSeconds === null
        ? {}
        : { expiresAt: Math.floor(this.#now().getTime() / 1000) + this.#retentionSeconds };
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.#table,
                Key: { pk: 'TRIAGE', sk: `${entry.receivedAt}#${dismissal.messageId}` },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.#table,
                Item: {
                  pk: `DISMISSED#${dismissal.messageId}`,
                  sk: 'DISMISSED',
                  type: 'triage-dismissal',
                  ...dismissal,
                  ...expiry,
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async remove(messageId: string): Promise<void> {
    const entry = await this.get(messageId);
    if (entry === null) return;
    await this.#db.send(
      new DeleteCommand({
        TableName: this.#table,
        Key: { pk: 'TRIAGE', sk: `${entry.receivedAt}#${messageId}` },
      }),
    );
  }
}

function toItem(entry: TriageEntry): Record<string, unknown> {
  return {
    pk: 'TRIAGE',
    sk: `${entry.receivedAt}#${entry.messageId}`,
    gsi1pk: `TRIAGE#${entry.messageId}`,
    gsi1sk: 'TRIAGE',
    type: 'triage',
    ...entry,
  };
}

/** Fields added later read as their safe defaults on entries written before them. */
type LaterFields = 'readProblems' | 'fromAddresses' | 'senderAmbiguity' | 'replyTo';
type StoredEmail = Omit<InboundEmail, LaterFields> & Partial<Pick<InboundEmail, LaterFields>>;

function withReadProblems(email: StoredEmail): InboundEmail {
  return {
    ...email,
    readProblems: email.readProblems ?? [],
    fromAddresses: email.fromAddresses ?? (email.from === null ? [] : [email.from]),
    senderAmbiguity: email.senderAmbiguity ?? null,
    replyTo: email.replyTo ?? [],
  };
}

function toEntry(item: Record<string, unknown>): TriageEntry {
  return {
    messageId: String(item.messageId),
    reason: item.reason as TriageReason,
    receivedAt: String(item.receivedAt),
    suggestedCases: (item.suggestedCases as string[] | undefined) ?? [],
    detail: (item.detail as string | null | undefined) ?? null,
    // Entries written before emails carried `readProblems` read as having none.
    ...(item.email === undefined ? {} : { email: withReadProblems(item.email as StoredEmail) }),
    ...(item.attempts === undefined ? {} : { attempts: Number(item.attempts) }),
    ...(item.request === undefined ? {} : { request: item.request as IntakeRequest }),
  };
}
