/**
 * Local-only, test-only fault injection: makes an AWS service answer one Lambda's SDK calls with
 * the error a real service gives under load (throttling) or trouble (a 500), on the Nth call.
 *
 * It sits in the SDK's middleware stack below the retry middleware and above the response
 * deserializer, in place of the HTTP call: the SDK parses the fake answer into its own modeled
 * error and retries it with its own backoff, exactly as it would a real one. So a test sees what
 * production would: a blip is absorbed by the SDK's retries; a fault that lasts fails the step.
 *
 * Nothing here is active unless a test asks: `LocalLambda.injectFaults(rules)` sends the rules
 * to the function's worker (see local/lambda-worker.ts). `npm start` never does; the rules live
 * only in the worker's memory.
 */

/** The services the functions call, by their SDK `serviceId`. */
export type FaultService = 'S3' | 'DynamoDB' | 'SESv2' | 'SFN';

/**
 * `throttling`: the service's own throttling error (S3 `SlowDown` 503, DynamoDB
 * `ProvisionedThroughputExceededException` 400, SES `TooManyRequestsException` 429, Step
 * Functions `ThrottlingException` 400). `server-error`: a 500 (`InternalError`,
 * `InternalServerError`, `InternalFailure`).
 */
export type FaultKind = 'throttling' | 'server-error';

export interface FaultRule {
  readonly service: FaultService;
  /** The SDK command's operation, e.g. `PutObject`, `TransactWriteItems`, `SendEmail`. */
  readonly operation: string;
  /** The first failing call, counting every HTTP attempt (SDK retries included) from 1. */
  readonly nth: number;
  /** How many attempts in a row fail from the Nth on; default 1. `Infinity`: until cleared. */
  readonly times?: number;
  readonly kind: FaultKind;
}

/** What a worker reports: calls per `service:operation` seen since its rules were set. */
export type CallCounts = Record<string, number>;

interface FakeResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const xml = (code: string, message: string): Uint8Array =>
  new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>LOCALFAULT</RequestId></Error>`,
  );

/** The answers the real services give, in each service's own protocol. */
function faultResponse(service: FaultService, kind: FaultKind): FakeResponse {
  const requestId = { 'x-amzn-requestid': 'local-fault', 'x-amz-request-id': 'local-fault' };
  switch (service) {
    case 'S3':
      return kind === 'throttling'
        ? {
            statusCode: 503,
            headers: { 'content-type': 'application/xml', ...requestId },
            body: xml('SlowDown', 'Please reduce your request rate.'),
          }
        : {
            statusCode: 500,
            headers: { 'content-type': 'application/xml', ...requestId },
            body: xml('InternalError', 'We encountered an internal error. Please try again.'),
          };
    case 'DynamoDB':
    case 'SFN': {
      const namespace =
        service === 'DynamoDB' ? 'com.amazonaws.dynamodb.v20120810' : 'com.amazonaws.swf.service.model';
      const [status, type] =
        kind === 'throttling'
          ? [400, service === 'DynamoDB' ? 'ProvisionedThroughputExceededException' : 'ThrottlingException']
          : [500, service === 'DynamoDB' ? 'InternalServerError' : 'InternalFailure'];
      return {
        statusCode: status,
        headers: { 'content-type': 'application/x-amz-json-1.0', ...requestId },
        body: json({ __type: `${namespace}#${type}`, message: 'Injected by local/fault-injection.ts' }),
      };
    }
    case 'SESv2': {
      const [status, type] =
        kind === 'throttling' ? [429, 'TooManyRequestsException'] : [500, 'InternalFailure'];
      return {
        statusCode: status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:`, ...requestId },
        body: json({ message: 'Injected by local/fault-injection.ts' }),
      };
    }
  }
}

/** The rules of this worker and the calls counted against them. */
class FaultPlan {
  #rules: readonly FaultRule[] = [];
  #counts: CallCounts = {};

  set(rules: readonly FaultRule[]): void {
    this.#rules = rules;
    this.#counts = {};
  }

  counts(): CallCounts {
    return { ...this.#counts };
  }

  /** Counts this attempt; answers the fault it must meet, if any. */
  next(service: string, operation: string): FakeResponse | null {
    if (this.#rules.length === 0) return null;
    const key = `${service}:${operation}`;
    const call = (this.#counts[key] ?? 0) + 1;
    this.#counts[key] = call;
    const rule = this.#rules.find(
      (r) =>
        r.service === service && r.operation === operation && call >= r.nth && call < r.nth + (r.times ?? 1),
    );
    return rule === undefined ? null : faultResponse(rule.service, rule.kind);
  }
}

export const faultPlan = new FaultPlan();

/** The part of an SDK client this needs: its middleware stack. */
interface ClientWithStack {
  readonly middlewareStack: {
    add(middleware: unknown, options: Record<string, unknown>): void;
  };
}

interface HandlerContext {
  readonly clientName?: string;
  readonly commandName?: string;
  readonly __smithy_context?: { readonly service?: string; readonly operation?: string };
}

const SERVICE_BY_CLIENT: Record<string, FaultService> = {
  S3Client: 'S3',
  DynamoDBClient: 'DynamoDB',
  SESv2Client: 'SESv2',
  SFNClient: 'SFN',
};

/**
 * Adds the fault middleware to a client. Step `deserialize`, priority `low`: innermost, so it
 * stands where the HTTP call would be; the deserializer and the retry middleware are outside it.
 */
export function addFaultMiddleware(client: ClientWithStack): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: HandlerContext) => async (args: unknown) => {
      const service = SERVICE_BY_CLIENT[context.clientName ?? ''];
      const operation = context.commandName?.replace(/Command$/, '') ?? context.__smithy_context?.operation;
      const fault =
        service === undefined || operation === undefined ? null : faultPlan.next(service, operation);
      if (fault === null) return next(args);
      return { response: fault, output: {} };
    },
    { step: 'deserialize', priority: 'low', name: 'localFaultInjection', override: true },
  );
}

/**
 * Hooks the functions' shared SDK clients (functions/shared/clients: every client the handlers
 * use, including Powertools idempotency's) into the plan. Called by the worker once, before a
 * test's first rules apply.
 */
export async function installFaultInjection(): Promise<void> {
  const [{ s3 }, { dynamoDbClient }, { ses }, { stepFunctions }] = await Promise.all([
    import('#clients/s3'),
    import('#clients/dynamodb'),
    import('#clients/sesv2'),
    import('#clients/sfn'),
  ]);
  for (const client of [s3, dynamoDbClient, ses, stepFunctions]) addFaultMiddleware(client);
}

/** A request on the worker's fault port: new rules (`[]` clears them) or just the counts. */
export interface FaultControlRequest {
  readonly id: number;
  readonly rules?: readonly FaultRule[];
}

export interface FaultControlAnswer {
  readonly id: number;
  readonly counts: CallCounts;
}

/** The port a worker listens on; only LocalLambda holds the other end. */
export interface FaultPort {
  on(event: 'message', listener: (request: FaultControlRequest) => void): void;
  postMessage(answer: FaultControlAnswer): void;
  unref?(): void;
}

/** In the worker: answers fault control requests; installs the middleware on the first rules. */
export function listenForFaults(port: FaultPort | undefined): void {
  if (port === undefined) return;
  let installed: Promise<void> | undefined;
  port.on('message', (request) => {
    void (async () => {
      if (request.rules !== undefined) {
        installed ??= installFaultInjection();
        await installed;
        faultPlan.set(request.rules);
      }
      port.postMessage({ id: request.id, counts: faultPlan.counts() });
    })();
  });
  // The port must not keep a finished worker alive.
  port.unref?.();
}
