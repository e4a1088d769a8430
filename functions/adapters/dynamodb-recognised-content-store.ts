import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecognisedContent, RecognisedContentStore } from '../domain/ports.ts';

/**
 * DynamoDB item limit is 400 KB: text beyond this many characters is cut (recognition has used it
 * all by then; the caseworker has the file itself).
 */
export const MAX_STORED_TEXT_CHARS = 100_000;

/**
 * What recognition read, at `CASE#<ref>` / `CONTENT#<sha256>` in the case table: encrypted at rest
 * with the project's key like every item there, and erased with the case (erasure deletes every
 * item under the case's partition key).
 */
export class DynamoDbRecognisedContentStore implements RecognisedContentStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async save(reference: string, content: RecognisedContent): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          pk: `CASE#${reference}`,
          sk: `CONTENT#${content.sha256}`,
          type: 'recognised-content',
          ...content,
          text: content.text.slice(0, MAX_STORED_TEXT_CHARS),
        },
      }),
    );
  }

  async get(reference: string, sha256: string): Promise<RecognisedContent | null> {
    const { Item: item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk: `CASE#${reference}`, sk: `CONTENT#${sha256}` } }),
    );
    if (item === undefined) return null;
    return {
      sha256: String(item.sha256),
      text: String(item.text),
      mrz: (item.mrz as Record<string, unknown> | null) ?? null,
      readAt: String(item.readAt),
    };
  }
}
