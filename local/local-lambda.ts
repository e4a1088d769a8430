import { Worker } from 'node:worker_threads';

/** A handler failed; carries the error's name so Step Functions' Retry/Catch can match it. */
export class LocalLambdaError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * One Lambda function run locally: its handler file in a worker thread, with exactly the
 * environment variables the CDK app gives the function (resolved to the local stand-ins), so a
 * variable missing from the infrastructure is missing here too. Like Lambda, the worker starts
 * (cold start) on the first invocation, or earlier through `ready()`.
 */
export class LocalLambda {
  readonly name: string;
  readonly #entry: string;
  readonly #env: Record<string, string>;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #nextId = 1;

  constructor(name: string, entry: string, env: Record<string, string>) {
    this.name = name;
    this.#entry = entry;
    this.#env = env;
  }

  /** Starts the worker if needed; resolves once the handler module has loaded, or rejects with why not. */
  ready(): Promise<void> {
    this.#ready ??= this.#start();
    return this.#ready;
  }

  #start(): Promise<void> {
    const worker = new Worker(new URL('./lambda-worker.ts', import.meta.url), {
      workerData: { entry: this.#entry, functionName: this.name },
      env: this.#env,
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
    worker.on('error', (error) => {
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
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

  async invoke(event: unknown): Promise<unknown> {
    await this.ready();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker!.postMessage({ id, event });
    });
  }

  async stop(): Promise<void> {
    await this.#worker?.terminate();
  }
}
