import { Worker } from 'node:worker_threads';

/** A handler failed; carries the error's name so Step Functions' Retry/Catch can match it. */
export class LocalLambdaError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * One Lambda function run locally: its handler file in a worker thread, with exactly the
 * environment variables the CDK app gives the function (resolved to the local stand-ins), so a
 * variable missing from the infrastructure is missing here too.
 */
export class LocalLambda {
  readonly name: string;
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;

  constructor(name: string, entry: string, env: Record<string, string>) {
    this.name = name;
    this.#worker = new Worker(new URL('./lambda-worker.ts', import.meta.url), {
      workerData: { entry, functionName: name },
      env,
    });
    this.#ready = new Promise((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }): void => {
        if (message.ready) {
          this.#worker.off('error', reject);
          resolve();
        }
      };
      this.#worker.on('message', onMessage);
      this.#worker.once('error', reject);
    });
    this.#worker.on(
      'message',
      (message: { id?: number; result?: unknown; error?: { name: string; message: string } }) => {
        if (message.id === undefined) return;
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) pending?.reject(new LocalLambdaError(message.error.name, message.error.message));
        else pending?.resolve(message.result);
      },
    );
    this.#worker.on('error', (error) => {
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  /** Resolves once the handler module has loaded (its cold start), or rejects with why not. */
  ready(): Promise<void> {
    return this.#ready;
  }

  async invoke(event: unknown): Promise<unknown> {
    await this.#ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, event });
    });
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
