/**
 * Key design of the single intake table, shared by the stateful stack (which creates it) and by
 * `IntakeFunction.bindTable` (which grants on exactly these indexes, no `index/*` wildcard).
 *
 * Access patterns (the item layout itself belongs to the DynamoDB adapters):
 * - case by id, documents / message log / idempotency records of a case: `pk` + `sk` begins_with
 * - cases by contact address, the triage list: `gsi1`
 * - case by the Message-ID of an email the office sent (thread matching): `gsi2`
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Global secondary indexes; every key attribute is a string. */
export const TABLE_INDEXES = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
] as const;

/** Items carrying this attribute (epoch seconds) are deleted by DynamoDB TTL after that time. */
export const TABLE_TTL_ATTRIBUTE = 'expiresAt';
