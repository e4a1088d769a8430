import { appendFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { clientNames } from './iam-guard.ts';
import { DOCUMENT_COMMANDS } from './iam-requests.ts';

/**
 * Bench only: what a function would be billed for on AWS, recorded as it runs locally. Each
 * handler invocation (its duration), the module's load (the cold start, which Lambda bills too)
 * and each AWS call (by service and operation; S3 with its key's top-level prefix; DynamoDB with
 * the capacity units the table reports it consumed) become one JSON line in the file
 * INTAKE_USAGE_FILE names. Nothing is recorded, and nothing is wrapped, unless it is set
 * (bench/cost-per-email.ts sets it); `npm start` and the tests never do.
 */
export type UsageRecord =
  | { readonly kind: 'init'; readonly function: string; readonly ms: number }
  | { readonly kind: 'invoke'; readonly function: string; readonly ms: number; readonly ok: boolean }
  | {
      readonly kind: 'call';
      readonly function: string;
      readonly service: string;
      readonly operation: string;
      /** S3 only: the key's first path segment (`staging/`, `documents/`, ...). */
      readonly prefix?: string;
      /** DynamoDB only: the capacity units the call consumed, as the table reported them. */
      readonly readUnits?: number;
      readonly writeUnits?: number;
      readonly ok: boolean;
    };

/** The environment variable (of the local runtime's process, not of any function) naming the file. */
export const USAGE_FILE_VARIABLE = 'INTAKE_USAGE_FILE';

const DYNAMODB_READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const DYNAMODB_DATA_CALLS = new Set([
  ...DYNAMODB_READS,
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

type Send = (this: object, command: { input?: unknown }, ...rest: unknown[]) => unknown;

interface Consumed {
  readonly CapacityUnits?: number;
}

function unitsOf(consumed: unknown): number {
  const list = (Array.isArray(consumed) ? consumed : [consumed]) as (Consumed | undefined)[];
  return list.reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
}

/** The SDK service of a client: `S3Client` → `S3`, lib-dynamodb's document client → `DynamoDB`. */
function serviceOf(client: object): string {
  const names = clientNames(client);
  if (names.includes('DynamoDBDocumentClient')) return 'DynamoDB';
  const name = names.find((n) => n.endsWith('Client') && n !== 'Client');
  return name === undefined ? 'Unknown' : name.slice(0, -'Client'.length);
}

export class UsageMeter {
  readonly #file: string;
  readonly #functionName: string;

  constructor(file: string, functionName: string) {
    this.#file = file;
    this.#functionName = functionName;
  }

  record(record: UsageRecord): void {
    appendFileSync(this.#file, `${JSON.stringify(record)}\n`);
  }

  /**
   * Wraps `send` of the SDK's common client class (every v3 client inherits it), as the local
   * IAM check does, so every call of every client the handler makes is counted once (SDK
   * retries inside a call are not: locally there are none to speak of). DynamoDB data calls are
   * asked for ReturnConsumedCapacity=TOTAL, which changes nothing else they do.
   */
  installOnSdk(): void {
    const prototype = Object.getPrototypeOf(S3Client.prototype) as { send: Send };
    const send = prototype.send;
    const record = (entry: UsageRecord): void => this.record(entry);
    const functionName = this.#functionName;
    prototype.send = function meteredSend(this: object, command, ...rest) {
      const service = serviceOf(this);
      const name = command.constructor.name.replace(/Command$/, '');
      const operation = service === 'DynamoDB' ? (DOCUMENT_COMMANDS[name] ?? name) : name;
      const input = (command.input ?? {}) as Record<string, unknown>;
      const dataCall = service === 'DynamoDB' && DYNAMODB_DATA_CALLS.has(operation);
      if (dataCall) input.ReturnConsumedCapacity = 'TOTAL';
      const key = typeof input.Key === 'string' ? input.Key : undefined;
      const prefix = service === 'S3' && key !== undefined ? /^[^/]*\/?/.exec(key)![0] : undefined;
      const done = (ok: boolean, output: unknown): void => {
        // A failed write (a condition not met) is billed too; the bench counts it, not the meter.
        const consumed = (output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
        const units = dataCall && ok && consumed !== undefined ? unitsOf(consumed) : undefined;
        const read = DYNAMODB_READS.has(operation);
        record({
          kind: 'call',
          function: functionName,
          service,
          operation,
          ...(prefix === undefined ? {} : { prefix }),
          ...(units === undefined ? {} : read ? { readUnits: units } : { writeUnits: units }),
          ok,
        });
      };
      const result = send.call(this, command, ...rest);
      if (result instanceof Promise) {
        result.then(
          (output: unknown) => done(true, output),
          () => done(false, undefined),
        );
      }
      return result;
    };
  }
}
