import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  normaliseAddress,
  type CaseDocument,
  type CaseFile,
  type CaseStatus,
  type ManualCheck,
  type RecognitionRecord,
} from '../domain/case-file.ts';
import { nameSearchKeys } from '../domain/case-directory.ts';
import type { CaseLogEntry } from '../domain/case-log.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { ScheduledAppointment } from '../domain/decision.ts';
import { cancellationReasons, isConditionFailure, putIfAbsent, queryAll } from './dynamodb-helpers.ts';

/**
 * Cases in the single table. Item layout (pk / sk):
 * - `CASE#<ref>` / `CASE`               the case (with its checklist as opened)
 * - `CASE#<ref>` / `CONTACT#<address>`  a registered contact; gsi1: `CONTACT#<address>` / `CASE#<ref>`
 * - `CASE#<ref>` / `DOC#<sha256>`       a document; one per content, so resending changes nothing
 * - `CASE#<ref>` / `CONTENT#<sha256>`   what recognition read from it (text, MRZ): DynamoDbRecognisedContentStore
 * - `CASE#<ref>` / `LOG#<at>#<dir>#<id>` an audit entry
 * - `CASE#<ref>` / `APPOINTMENT`        the appointment in the applicant's calendar (UID, SEQUENCE)
 * - `CASE#<ref>` / `SENT#<message-id>`  a sent email's Message-ID; gsi2: `MSGID#<message-id>` / `CASE#<ref>`
 * - `CASE#<ref>` / `NAME#<word>`        a word of the applicant's name; gsi2: `NAME` / `<word>#<ref>`
 * - `COUNTER` / `CASE#<year>`           the running number of case references
 * The case item is indexed for the console's lists (see caseIndexKeys): by status in gsi2
 * (`STATUS#<status>` / `<ref>`) and by responsible caseworker in gsi1
 * (`CASEWORKER#<address>` / `STATUS#<status>#<ref>`).
 * An erased case is one item: its tombstone at `CASE#<ref>` / `CASE` (see DynamoDbCaseErasure).
 * Each email writes its own items, so concurrent emails for one case never overwrite each other;
 * the only shared item written later is the case itself, and only by conditional updates.
 */
export class DynamoDbCaseRepository implements CaseRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #referencePrefix: string;
  readonly #referenceDigits: number;

  constructor(db: DynamoDBDocumentClient, table: string, reference: { prefix: string; digits: number }) {
    this.#db = db;
    this.#table = table;
    this.#referencePrefix = reference.prefix;
    this.#referenceDigits = reference.digits;
  }

  async nextReference(year: number): Promise<string> {
    const result = await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: 'COUNTER', sk: `CASE#${year}` },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const number = String(Number(result.Attributes?.value));
    // A longer number would be a reference no matcher finds again.
    if (number.length > this.#referenceDigits) {
      throw new Error(`The ${this.#referenceDigits}-digit case references of ${year} are used up`);
    }
    return `${this.#referencePrefix}-${year}-${number.padStart(this.#referenceDigits, '0')}`;
  }

  async create(caseFile: CaseFile): Promise<'created' | 'exists'> {
    const pk = `CASE#${caseFile.reference}`;
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: { pk, sk: 'CASE', type: 'case', ...caseFile, ...caseIndexKeys(caseFile) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...caseFile.contacts.map((address) => ({
              Put: { TableName: this.#table, Item: this.#contactItem(caseFile.reference, address) },
            })),
            ...nameSearchKeys(caseFile.applicantName).map((word) => ({
              Put: {
                TableName: this.#table,
                Item: {
                  pk,
                  sk: `NAME#${word}`,
                  gsi2pk: 'NAME',
                  gsi2sk: `${word}#${caseFile.reference}`,
                  type: 'name-word',
                },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      // Only the case item has a condition: its failure means the reference is taken.
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return 'exists';
      throw error;
    }
    await this.#raiseCounterTo(caseFile.reference);
    return 'created';
  }

  /**
   * Moves the year's counter up to a reference created with the office's own number, so that
   * number is never drawn: after an import the counter continues above the imported cases.
   */
  async #raiseCounterTo(reference: string): Promise<void> {
    const prefix = `${this.#referencePrefix}-`;
    const parts = reference.startsWith(prefix)
      ? /^(\d{4})-(\d+)$/.exec(reference.slice(prefix.length))
      : null;
    if (parts === null) return; // another prefix: the counter never draws it
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: 'COUNTER', sk: `CASE#${parts[1]}` },
          UpdateExpression: 'SET #n = :number',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :number',
          ExpressionAttributeNames: { '#n': 'value' },
          ExpressionAttributeValues: { ':number': Number(parts[2]) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // the counter is past it already
    }
  }

  async get(reference: string): Promise<CaseFile | null> {
    const result = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }),
    );
    // An erased case leaves a tombstone under its key (DynamoDbCaseErasure): no case any more.
    return result.Item === undefined || result.Item.type !== 'case' ? null : toCase(result.Item);
  }

  async casesByContact(address: string): Promise<CaseFile[]> {
    return this.#casesFromIndex('gsi1', `CONTACT#${normaliseAddress(address)}`);
  }

  async casesBySentMessageId(messageId: string): Promise<CaseFile[]> {
    return this.#casesFromIndex('gsi2', `MSGID#${messageId.toLowerCase()}`);
  }

  async addContact(reference: string, address: string): Promise<void> {
    const contact = normaliseAddress(address);
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#table,
                Key: { pk: `CASE#${reference}`, sk: 'CASE' },
                UpdateExpression: 'SET contacts = list_append(contacts, :address)',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':address': [contact] },
              },
            },
            {
              // The contact item exists exactly when the address is in the case's list (both are
              // only ever written together): its condition makes concurrent adds safe.
              Put: {
                TableName: this.#table,
                Item: this.#contactItem(reference, contact),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      const [caseItem, contactItem] = cancellationReasons(error) ?? [];
      if (caseItem === 'ConditionalCheckFailed') throw new Error(`No case ${reference}`, { cause: error });
      // Already a contact: nothing to do. Any other reason (a conflicting write, throttling) means
      // nothing was written, so the caller must fail and can retry.
      if (contactItem === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  async setStatus(reference: string, from: readonly CaseStatus[], to: CaseStatus): Promise<boolean> {
    const names = Object.fromEntries(from.map((_, i) => [`:from${i}`, from[i]]));
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: `CASE#${reference}`, sk: 'CASE' },
          // The index keys move with the status, so the lists by status stay true.
          UpdateExpression: 'SET #status = :to, gsi2pk = :statusKey, gsi2sk = :reference, gsi1sk = :mine',
          ConditionExpression: `#status IN (${Object.keys(names).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': to,
            ':statusKey': `STATUS#${to}`,
            ':reference': reference,
            ':mine': `STATUS#${to}#${reference}`,
            ...names,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * A caseworker's tick or untick of a checklist item by hand (null: back to what the documents
   * say). False when there is no such case.
   */
  async markChecklistItem(reference: string, itemId: string, mark: ManualCheck | null): Promise<boolean> {
    const key = { pk: `CASE#${reference}`, sk: 'CASE' };
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key,
          UpdateExpression: mark === null ? 'REMOVE manualChecks.#item' : 'SET manualChecks.#item = :mark',
          ConditionExpression: 'attribute_exists(pk) AND attribute_exists(manualChecks) AND #type = :case',
          ExpressionAttributeNames: { '#item': itemId, '#type': 'type' },
          ExpressionAttributeValues: { ':case': 'case', ...(mark === null ? {} : { ':mark': mark }) },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // The case has no map of marks yet: create it with this one, unless another write just did.
    if (mark === null) return (await this.get(reference)) !== null;
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key,
          UpdateExpression: 'SET manualChecks = :marks',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(manualChecks) AND #type = :case',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':marks': { [itemId]: mark }, ':case': 'case' },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if ((await this.get(reference)) === null) return false;
      return this.markChecklistItem(reference, itemId, mark);
    }
  }

  async addDocument(reference: string, document: CaseDocument): Promise<'added' | 'duplicate'> {
    const item = { pk: `CASE#${reference}`, sk: `DOC#${document.sha256}`, type: 'document', ...document };
    return (await putIfAbsent(this.#db, this.#table, item)) ? 'added' : 'duplicate';
  }

  async assignDocument(reference: string, sha256: string, checklistItem: string | null): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: `CASE#${reference}`, sk: `DOC#${sha256}` },
          UpdateExpression: 'SET checklistItem = :item, assignedBy = :by',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':item': checklistItem, ':by': 'caseworker' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordRecognition(
    reference: string,
    sha256: string,
    checklistItem: string | null,
    recognition: RecognitionRecord,
  ): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: `CASE#${reference}`, sk: `DOC#${sha256}` },
          UpdateExpression: 'SET checklistItem = :item, assignedBy = :by, recognition = :recognition',
          // A caseworker who got there first keeps their assignment.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(assignedBy) OR assignedBy <> :caseworker)',
          ExpressionAttributeValues: {
            ':item': checklistItem,
            ':by': checklistItem === null ? null : 'recognition',
            ':recognition': recognition,
            ':caseworker': 'caseworker',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async confirmDocument(reference: string, sha256: string, caseworker: string, at: string): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: `CASE#${reference}`, sk: `DOC#${sha256}` },
          UpdateExpression: 'SET confirmedBy = :by, confirmedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':by': caseworker, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async documents(reference: string): Promise<CaseDocument[]> {
    const items = await this.#itemsOf(reference, 'DOC#');
    return items
      .map(({ pk: _pk, sk: _sk, type: _type, ...document }) => document as unknown as CaseDocument)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async appendLog(reference: string, entry: CaseLogEntry): Promise<void> {
    await putIfAbsent(this.#db, this.#table, {
      pk: `CASE#${reference}`,
      sk: `LOG#${entry.at}#${entry.direction}#${entry.messageId}`,
      type: 'log',
      ...entry,
    });
  }

  async log(reference: string): Promise<CaseLogEntry[]> {
    const items = await this.#itemsOf(reference, 'LOG#');
    return items.map(({ pk: _pk, sk: _sk, type: _type, ...entry }) => entry as unknown as CaseLogEntry);
  }

  async recordSentMessageIds(reference: string, messageIds: readonly string[]): Promise<void> {
    await Promise.all(
      messageIds.map((id) =>
        this.#db.send(
          new PutCommand({
            TableName: this.#table,
            Item: {
              pk: `CASE#${reference}`,
              sk: `SENT#${id.toLowerCase()}`,
              gsi2pk: `MSGID#${id.toLowerCase()}`,
              gsi2sk: `CASE#${reference}`,
              type: 'sent-message-id',
            },
          }),
        ),
      ),
    );
  }

  async appointment(reference: string): Promise<ScheduledAppointment | null> {
    const result = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { pk: `CASE#${reference}`, sk: 'APPOINTMENT' } }),
    );
    if (result.Item === undefined) return null;
    const { pk: _pk, sk: _sk, type: _type, ...appointment } = result.Item;
    return appointment as unknown as ScheduledAppointment;
  }

  async saveAppointment(
    reference: string,
    appointment: ScheduledAppointment,
    previousDecisionId: string | null,
  ): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: `CASE#${reference}`, sk: 'APPOINTMENT', type: 'appointment', ...appointment },
          ...(previousDecisionId === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'decisionId = :previous',
                ExpressionAttributeValues: { ':previous': previousDecisionId },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  #contactItem(reference: string, address: string): Record<string, string> {
    // A–Z only (see sender-address.ts): a look-alike must not land on a contact's index key.
    const lower = normaliseAddress(address);
    return {
      pk: `CASE#${reference}`,
      sk: `CONTACT#${lower}`,
      gsi1pk: `CONTACT#${lower}`,
      gsi1sk: `CASE#${reference}`,
      type: 'contact',
    };
  }

  #itemsOf(reference: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':prefix': prefix },
    });
  }

  async #casesFromIndex(indexName: 'gsi1' | 'gsi2', key: string): Promise<CaseFile[]> {
    const links = await queryAll(this.#db, {
      TableName: this.#table,
      IndexName: indexName,
      KeyConditionExpression: `${indexName}pk = :pk`,
      ExpressionAttributeValues: { ':pk': key },
    });
    const references = [...new Set(links.map((l) => String(l.pk)))];
    if (references.length === 0) return [];
    const result = await this.#db.send(
      new BatchGetCommand({
        RequestItems: { [this.#table]: { Keys: references.slice(0, 100).map((pk) => ({ pk, sk: 'CASE' })) } },
      }),
    );
    return (result.Responses?.[this.#table] ?? [])
      .map(toCase)
      .sort((a, b) => a.reference.localeCompare(b.reference));
  }
}

/** The index keys of a case item: its status list (gsi2) and its caseworker's list (gsi1). */
export function caseIndexKeys(caseFile: Pick<CaseFile, 'reference' | 'status' | 'caseworker'>) {
  return {
    gsi2pk: `STATUS#${caseFile.status}`,
    gsi2sk: caseFile.reference,
    gsi1pk: `CASEWORKER#${normaliseAddress(caseFile.caseworker)}`,
    gsi1sk: `STATUS#${caseFile.status}#${caseFile.reference}`,
  };
}

/** The case as the domain knows it: the table's own attributes (keys, index keys) left out. */
export function toCase(item: Record<string, unknown>): CaseFile {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    gsi1pk: _g1,
    gsi1sk: _g1s,
    gsi2pk: _g2,
    gsi2sk: _g2s,
    ...caseFile
  } = item;
  return caseFile as unknown as CaseFile;
}
