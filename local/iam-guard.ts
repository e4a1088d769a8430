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

/** Evaluates requests against one function's identity policies. */
export class IamAuthorizer {
  readonly iam: FunctionIam;
  readonly #policies: { name: string; policy: unknown }[];

  constructor(iam: FunctionIam) {
    this.iam = iam;
    this.#policies = iam.policies.map((p) => ({ name: p.name, policy: p.document }));
  }

  async decide(request: IamRequest): Promise<Decision> {
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
function clientNames(client: object): string[] {
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
