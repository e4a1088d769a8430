import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { FunctionIam } from './iam-policies.ts';
import type { CallCounts, FaultControlAnswer, FaultRule } from './fault-injection.ts';
import { USAGE_FILE_VARIABLE } from './usage-meter.ts';

/** A handler failed; carries the error's name so Step Functions' Retry/Catch can match it. */
export class LocalLambdaError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** What Lambda enforces on every invocation, from the function's CDK definition. */
export interface LambdaLimits {
  /** MemorySize in MB: the worker's heap may not grow past it. */
  readonly memorySize: number;
  /** Timeout in seconds: an invocation still running then is stopped, its container discarded. */
  readonly timeoutSeconds: number;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * One Lambda function run locally: its handler file in a worker thread, with exactly the
 * environment variables the CDK app gives the function (resolved to the local stand-ins), so a
 * variable missing from the infrastructure is missing here too. Like Lambda, the worker starts
 * (cold start) on the first invocation, or earlier through `ready()`; an invocation past the
 * function's timeout fails with `Sandbox.Timedout` and one past its memory with
 * `Runtime.OutOfMemory`, and either way the next invocation gets a fresh worker, as on Lambda.
 */
export class LocalLambda {
  readonly name: string;
  readonly #entry: string;
  readonly #env: Record<string, string>;
  readonly #limits: LambdaLimits;
  readonly #iam: FunctionIam | undefined;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #nextId = 1;
  #faultPort: MessagePort | undefined;
  #faultRules: readonly FaultRule[] = [];
  readonly #faultAnswers = new Map<number, (counts: CallCounts) => void>();

  /** With `iam`, every SDK call is evaluated against the function's role as IAM would (local/iam-guard.ts). */
  constructor(
    name: string,
    entry: string,
    env: Record<string, string>,
    limits: LambdaLimits,
    iam?: FunctionIam,
  ) {
    this.name = name;
    this.#entry = entry;
    this.#env = env;
    this.#limits = limits;
    this.#iam = iam;
  }

  get limits(): LambdaLimits {
    return this.#limits;
  }

  /** The environment the function's code sees (a copy). */
  get environment(): Record<string, string> {
    return { ...this.#env };
  }

  /** Starts the worker if needed; resolves once the handler module has loaded, or rejects with why not. */
  ready(): Promise<void> {
    this.#ready ??= this.#start();
    return this.#ready;
  }

  #start(): Promise<void> {
    // Test-only channel for fault injection (local/fault-injection.ts); silent unless used.
    const faults = new MessageChannel();
    this.#faultPort = faults.port1;
    faults.port1.on('message', ({ id, counts }: FaultControlAnswer) => {
      this.#faultAnswers.get(id)?.(counts);
      this.#faultAnswers.delete(id);
    });
    faults.port1.unref();
    // A worker started after a timeout meets the same faults (id 0: nobody waits for the answer).
    if (this.#faultRules.length > 0) faults.port1.postMessage({ id: 0, rules: this.#faultRules });
    const worker = new Worker(new URL('./lambda-worker.ts', import.meta.url), {
      workerData: {
        entry: this.#entry,
        functionName: this.name,
        memorySize: this.#limits.memorySize,
        timeoutSeconds: this.#limits.timeoutSeconds,
        iam: this.#iam,
        // Where allowed actions are recorded for `npm run iam-report` (not part of the function's env).
        iamUsageFile: process.env.INTAKE_IAM_USAGE_FILE,
        // Where durations and AWS calls are recorded for the cost benchmark (local/usage-meter.ts).
        usageFile: process.env[USAGE_FILE_VARIABLE],
        faultPort: faults.port2,
      },
      transferList: [faults.port2],
      env: this.#env,
      // V8's heap stands in for the sandbox's memory: Buffers outside the heap are not counted,
      // so this catches a function that holds too much, not every one that would fail on Lambda.
      resourceLimits: { maxOldGenerationSizeMb: this.#limits.memorySize },
    });
    this.#worker = worker;
    worker.on(
      'message',
      (message: { id?: number; result?: unknown; error?: { name: string; message: string } }) => {
        if (message.id === undefined) return;
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) pending?.reject(new LocalLambdaError(message.error.name, message.error.message));
        else pending?.resolve(message.result);
      },
    );
    worker.on('error', (error: Error & { code?: string }) => {
      const failure =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new LocalLambdaError(
              'Runtime.OutOfMemory',
              `Runtime exited with error: ${this.name} used more than its ${this.#limits.memorySize} MB`,
            )
          : error;
      this.#discard(worker, failure);
    });
    worker.on('exit', () =>
      this.#discard(worker, new LocalLambdaError('Runtime.ExitError', 'Runtime exited')),
    );
    return new Promise((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }): void => {
        if (!message.ready) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  /** Fails what the worker still had and forgets it, so the next invocation starts a new one. */
  #discard(worker: Worker, failure: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#ready = undefined;
    for (const pending of this.#pending.values()) pending.reject(failure);
    this.#pending.clear();
  }

  async invoke(event: unknown): Promise<unknown> {
    await this.ready();
    const worker = this.#worker!;
    const id = this.#nextId++;
    const { timeoutSeconds } = this.#limits;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const failure = new LocalLambdaError(
          'Sandbox.Timedout',
          `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
        );
        reject(failure);
        this.#discard(worker, failure);
        void worker.terminate();
      }, timeoutSeconds * 1000);
    });
    const answered = new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, event });
    });
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Tests only: from now on this function's AWS SDK calls meet these faults (`[]` clears them;
   * the call counts start again from 0). Resolves once the worker applies them.
   */
  async injectFaults(rules: readonly FaultRule[]): Promise<void> {
    this.#faultRules = rules;
    await this.#faultControl(rules);
  }

  /** Tests only: the AWS calls (HTTP attempts) per `service:operation` since the last rules. */
  faultCallCounts(): Promise<CallCounts> {
    return this.#faultControl(undefined);
  }

  async #faultControl(rules: readonly FaultRule[] | undefined): Promise<CallCounts> {
    await this.ready();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#faultAnswers.set(id, resolve);
      this.#faultPort!.postMessage(rules === undefined ? { id } : { id, rules });
    });
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    await worker?.terminate();
  }
}
