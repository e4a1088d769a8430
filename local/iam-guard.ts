import { appendFileSync } from 'node:fs';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { FunctionIam } from './iam-policies.ts';
import { iamRequestsFor, type IamRequest } from './iam-requests.ts';

/**
 * IAM as on AWS, for the local runtime: every SDK call a function makes is evaluated against the
 * function's synthesized role policies (by `@cloud-copilot/iam-simulate`) before it is sent, and
 * refused the way AWS refuses it, so a missing grant fails in the tests and not in production.
 */
export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

// Loaded on the first SDK call, not at the worker's start: `npm start` loads every handler up
// front, and the evaluator (with its IAM data) would add to each of them.
let simulator: Promise<typeof import('@cloud-copilot/iam-simulate')> | undefined;

/** Decisions a worker keeps; past this many the cache starts again (object keys rarely repeat). */
const MAX_CACHED_DECISIONS = 5000;

/**
 * `localeCompare` with a locale or options builds an ICU collator on every call, and the
 * simulator compares resource ARNs character by character that way (iam-utils'
 * `characterMatchersIntersect`): most of a decision's time. ECMA-402 defines the call as
 * `new Intl.Collator(locales, options).compare(this, that)`, so one collator per locale and
 * options gives the same answers; only plain arguments are cached, anything else takes the
 * built-in path. Installed once per worker, with the guard.
 */
function cacheLocaleCompareCollators(): void {
  const builtin = String.prototype.localeCompare;
  const collators = new Map<string, Intl.Collator>();
  const plainOptions = (options: unknown): boolean =>
    options === undefined ||
    (typeof options === 'object' &&
      options !== null &&
      Object.getPrototypeOf(options) === Object.prototype &&
      Object.values(options).every((v) => typeof v === 'string' || typeof v === 'boolean'));
  String.prototype.localeCompare = function localeCompare(
    this: string,
    that: string,
    locales?: string | string[],
    options?: Intl.CollatorOptions,
  ): number {
    const plainLocales = locales === undefined || typeof locales === 'string';
    if ((locales === undefined && options === undefined) || !plainLocales || !plainOptions(options))
      return builtin.call(this, that, locales, options);
    if (this === null || this === undefined) return builtin.call(this, that, locales, options);
    const key = JSON.stringify([locales ?? null, options ?? null]);
    let collator = collators.get(key);
    if (collator === undefined) {
      collator = new Intl.Collator(locales, options);
      collators.set(key, collator);
    }
    return collator.compare(String(this), String(that));
  };
}

/** Evaluates requests against one function's identity policies. */
export class IamAuthorizer {
  readonly iam: FunctionIam;
  readonly #policies: { name: string; policy: unknown }[];
  /**
   * Decisions by request: the policies are fixed for the worker's life, so the same action on
   * the same resource with the same context gets the same answer (table, identity and state
   * machine ARNs repeat on every invocation; object keys mostly do not).
   */
  readonly #decisions = new Map<string, Promise<Decision>>();

  constructor(iam: FunctionIam) {
    this.iam = iam;
    this.#policies = iam.policies.map((p) => ({ name: p.name, policy: p.document }));
  }

  decide(request: IamRequest): Promise<Decision> {
    const key = JSON.stringify([request.action, request.resource, request.context]);
    let decision = this.#decisions.get(key);
    if (decision === undefined) {
      if (this.#decisions.size >= MAX_CACHED_DECISIONS) this.#decisions.clear();
      decision = this.#simulate(request);
      this.#decisions.set(key, decision);
      // A failed evaluation is not an answer: the next call evaluates again.
      decision.catch(() => this.#decisions.delete(key));
    }
    return decision;
  }

  async #simulate(request: IamRequest): Promise<Decision> {
    simulator ??= import('@cloud-copilot/iam-simulate');
    const { runSimulation } = await simulator;
    const result = await runSimulation(
      {
        request: {
          principal: this.iam.principal,
          action: request.action,
          resource: { resource: request.resource, accountId: this.iam.account },
          contextVariables: request.context,
        },
        identityPolicies: this.#policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') {
      throw new Error(
        `The local IAM check cannot evaluate ${request.action} on ${request.resource} for ${this.iam.functionName}: ${JSON.stringify(result.errors)}`,
      );
    }
    return result.overallResult as Decision;
  }

  /** The first request of `requests` that is denied, with why; undefined when all are allowed. */
  async firstDenied(
    requests: readonly IamRequest[],
  ): Promise<{ request: IamRequest; decision: Decision } | undefined> {
    for (const request of requests) {
      const decision = await this.decide(request);
      if (decision !== 'Allowed') return { request, decision };
    }
    return undefined;
  }
}

/** S3 answers `AccessDenied`; the JSON services answer `AccessDeniedException`. Both are 403. */
export function accessDeniedError(
  client: string,
  iam: FunctionIam,
  request: IamRequest,
  decision: Decision,
): Error {
  const why =
    decision === 'ExplicitlyDenied'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${request.action} action`;
  // AWS's own wording; the assumed-role session is named after the function, as Lambda's is.
  const message = `User: ${iam.principal} is not authorized to perform: ${request.action} on resource: ${request.resource} ${why} (local IAM check of function ${iam.functionName})`;
  return new S3ServiceException({
    name: client === 'S3Client' ? 'AccessDenied' : 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message,
  });
}

/** The SDK client class names of `client`, most derived first (`S3` → `S3Client` → `Client`). */
export function clientNames(client: object): string[] {
  const names: string[] = [];
  for (let c = client.constructor as { name?: string } | null; c; c = Object.getPrototypeOf(c)) {
    if (c.name) names.push(c.name);
  }
  return names;
}

const KNOWN_CLIENTS = [
  'S3Client',
  'DynamoDBClient',
  'DynamoDBDocumentClient',
  'SESv2Client',
  'SFNClient',
  'SecretsManagerClient',
];

type Send = (this: object, command: { input?: unknown }, ...rest: unknown[]) => unknown;

/**
 * Wraps `send` of the SDK's common client class (every v3 client and lib-dynamodb's document
 * client inherit it), so each call is authorized before it goes out. Allowed actions are appended
 * to `usageFile` (one JSON line per action and worker) for the unused-grants report.
 */
export function installIamGuard(iam: FunctionIam, usageFile?: string): void {
  cacheLocaleCompareCollators();
  const authorizer = new IamAuthorizer(iam);
  const used = new Set<string>();
  const recordUse = ({ action, resource }: Pick<IamRequest, 'action' | 'resource'>): void => {
    // Objects by their top-level prefix (`outbox/*`): what a grant can be narrowed to.
    const scope = resource.replace(/^(arn:aws:s3:::[^/]+\/[^/]*\/).+$/, '$1*');
    const line = `${JSON.stringify({ function: iam.functionName, action, resource: scope })}\n`;
    if (usageFile === undefined || used.has(line)) return;
    used.add(line);
    appendFileSync(usageFile, line);
  };

  const authorize = async (
    client: string,
    command: string,
    input: Record<string, unknown>,
  ): Promise<void> => {
    const requests = iamRequestsFor(client, command, input, iam);
    const denied = await authorizer.firstDenied(requests);
    if (denied) throw accessDeniedError(client, iam, denied.request, denied.decision);
    for (const request of requests) recordUse(request);
  };

  // Without s3:ListBucket, S3 answers a read of a missing key with 403, not 404: the caller
  // cannot tell "not there" from "not allowed". Only with ListBucket does NoSuchKey come back.
  const missingObject = async (input: Record<string, unknown>, error: unknown): Promise<unknown> => {
    const request: IamRequest = {
      action: 's3:ListBucket',
      resource: `arn:aws:s3:::${String(input.Bucket)}`,
      context: {},
    };
    const decision = await authorizer.decide(request);
    if (decision !== 'Allowed') return accessDeniedError('S3Client', iam, request, decision);
    recordUse(request);
    return error;
  };

  const clientPrototype = Object.getPrototypeOf(S3Client.prototype) as { send: Send };
  const send = clientPrototype.send;
  clientPrototype.send = function guardedSend(this: object, command, ...rest) {
    const names = clientNames(this);
    const client = names.find((n) => KNOWN_CLIENTS.includes(n)) ?? names[0] ?? 'UnknownClient';
    const commandName = command.constructor.name;
    const input = (command.input ?? {}) as Record<string, unknown>;
    const callback =
      typeof rest.at(-1) === 'function' ? (rest.at(-1) as (error: unknown) => void) : undefined;
    const result = authorize(client, commandName, input).then(async () => {
      try {
        return await send.call(this, command, ...rest);
      } catch (error) {
        const name = (error as { name?: unknown } | null)?.name;
        if (client === 'S3Client' && (name === 'NoSuchKey' || name === 'NotFound')) {
          throw await missingObject(input, error);
        }
        throw error;
      }
    });
    if (callback === undefined) return result;
    result.catch(callback);
    return undefined;
  };
}
