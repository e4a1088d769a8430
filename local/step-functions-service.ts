import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { StateMachine } from 'aws-local-stepfunctions';
import { historyEventsOf } from './execution-history.ts';
import { installLongTimers } from './long-timers.ts';
import { statesByName, type StateDefinition } from './state-definitions.ts';
import type { LocalStateMachine } from './synthesized-app.ts';

/**
 * A local Step Functions endpoint: the part of the AWS JSON API the pipeline and its tools use
 * (StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory), running the
 * synthesized definitions with `aws-local-stepfunctions`. Handlers call it through the real
 * `@aws-sdk/client-sfn`, so the starter Lambda is the same code locally and on AWS.
 */
/** One entry of an execution's event log, as `aws-local-stepfunctions` reports it. */
export type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export type TaskInvoker = (stateName: string, functionLogicalId: string, input: unknown) => Promise<unknown>;

export interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly events: EventLog[];
  /** Settles when the execution has stopped, whatever its outcome. */
  finished: Promise<void>;
}

/**
 * Step Functions' limit on a state's input or output, and on an execution's input. Past it the
 * execution fails with States.DataLimitExceeded, which no Catch (not even States.ALL) handles.
 */
export const STATE_DATA_LIMIT_BYTES = 256 * 1024;

function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

/**
 * The size of what a Task state passes on: its result placed by ResultPath into its input. Exact
 * for the shapes this project's machines use (no InputPath or Parameters, ResultPath `$`, `$.x` or
 * null); otherwise the result's own size, which the limit applies to as well.
 */
function taskOutputBytes(state: StateDefinition, input: unknown, result: unknown): number {
  const resultPath = state.ResultPath;
  const plainInput = state.InputPath === undefined && state.Parameters === undefined;
  if (resultPath === null) return plainInput ? payloadBytes(input) : 0;
  if (resultPath === undefined || resultPath === '$') return payloadBytes(result);
  const field = /^\$\.([A-Za-z0-9_]+)$/.exec(String(resultPath))?.[1];
  if (
    field !== undefined &&
    plainInput &&
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input)
  )
    return payloadBytes({ ...input, [field]: result });
  return payloadBytes(result);
}

export type ExecutionListener = (execution: Execution, event: EventLog) => void;

class ApiError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

export class LocalStepFunctions {
  readonly #machines = new Map<string, { spec: LocalStateMachine; machine: StateMachine }>();
  readonly #executions = new Map<string, Execution>();
  readonly #invoke: TaskInvoker;
  readonly #listeners: ExecutionListener[] = [];
  readonly #waitTimeOverrides: Record<string, number>;
  readonly #aborts = new Map<string, () => void>();
  #server: Server | undefined;

  constructor(
    machines: readonly LocalStateMachine[],
    invoke: TaskInvoker,
    waitTimeOverrides: Record<string, number> = {},
  ) {
    // Waits of months (and the year-long execution timeout) must not fire at once.
    installLongTimers();
    for (const spec of machines) {
      this.#machines.set(spec.arn, {
        spec,
        machine: new StateMachine(spec.definition as never),
      });
    }
    this.#invoke = invoke;
    this.#waitTimeOverrides = waitTimeOverrides;
  }

  onEvent(listener: ExecutionListener): void {
    this.#listeners.push(listener);
  }

  executions(): Execution[] {
    return [...this.#executions.values()];
  }

  startExecution(stateMachineArn: string, name: string, input: string): Execution {
    const entry = this.#machines.get(stateMachineArn);
    if (entry === undefined)
      throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.#executions.get(executionArn);
    if (existing !== undefined) {
      // As on AWS for Standard workflows: idempotent while running with the same input.
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }

    if (Buffer.byteLength(input, 'utf8') > STATE_DATA_LIMIT_BYTES)
      throw new ApiError('ValidationException', `Execution input exceeds ${STATE_DATA_LIMIT_BYTES} bytes`);

    const states = statesByName(entry.spec.definition);
    let dataLimitExceeded: string | undefined;
    const handlers = Object.fromEntries(
      Object.entries(entry.spec.taskFunctions).map(([stateName, fn]) => [
        stateName,
        async (taskInput: unknown) => {
          const result = await this.#invoke(stateName, fn, taskInput);
          if (taskOutputBytes(states.get(stateName) ?? {}, taskInput, result) <= STATE_DATA_LIMIT_BYTES)
            return result as never;
          // As on AWS: the execution fails here, past every Catch; nothing after this state runs.
          dataLimitExceeded = `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`;
          run.abort();
          // Settled at once, so that the task's own timeout timer does not outlive the execution
          // (it kept a test process alive for a minute); the aborted run acts on nothing after this.
          throw new Error('States.DataLimitExceeded');
        },
      ]),
    );
    const startDate = new Date();
    const run = entry.machine.run(JSON.parse(input), {
      overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: this.#waitTimeOverrides },
      context: {
        Execution: {
          Id: executionArn,
          Name: name,
          Input: JSON.parse(input),
          StartTime: startDate.toISOString(),
        },
      },
    });
    const events: EventLog[] = [];
    this.#aborts.set(executionArn, () => run.abort());
    const execution: Execution = {
      executionArn,
      stateMachineArn,
      name,
      input,
      startDate,
      status: 'RUNNING',
      events,
      finished: Promise.resolve(),
    };
    execution.finished = (async () => {
      const logging = (async () => {
        for await (const event of run.eventLogs) {
          events.push(event);
          for (const listener of this.#listeners) listener(execution, event);
        }
      })();
      try {
        const output = await run.result;
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output);
      } catch (error) {
        const aborted = error instanceof Error && error.name === 'ExecutionAbortedError';
        if (dataLimitExceeded !== undefined) {
          execution.status = 'FAILED';
          execution.error = 'States.DataLimitExceeded';
          execution.cause = dataLimitExceeded;
        } else {
          execution.status = aborted ? 'ABORTED' : 'FAILED';
          execution.error = error instanceof Error ? error.name : 'Error';
          execution.cause = error instanceof Error ? error.message : String(error);
        }
      }
      this.#aborts.delete(executionArn);
      execution.stopDate = new Date();
      await logging.catch(() => undefined);
    })();
    this.#executions.set(executionArn, execution);
    return execution;
  }

  /** Serves the JSON API on 127.0.0.1; resolves to the port. */
  async listen(port: number): Promise<number> {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', resolve));
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  /**
   * Stops serving. Executions still running (waiting for a reminder days or months ahead) are
   * aborted: their state lives in this process and goes with it.
   */
  async close(): Promise<void> {
    for (const abort of this.#aborts.values()) abort();
    await Promise.allSettled([...this.#executions.values()].map((e) => e.finished));
    if (this.#server) await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
    response.setHeader('Content-Type', 'application/x-amz-json-1.0');
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      response.end(JSON.stringify(this.#call(target, body)));
    } catch (error) {
      response.statusCode = 400;
      const type = error instanceof ApiError ? error.type : 'InvalidParameterValue';
      response.end(
        JSON.stringify({ __type: type, message: error instanceof Error ? error.message : String(error) }),
      );
    }
  }

  #call(target: string, body: Record<string, unknown>): unknown {
    const seconds = (date: Date | undefined): number | undefined =>
      date ? date.getTime() / 1000 : undefined;
    const describe = (e: Execution) => ({
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: seconds(e.startDate),
      stopDate: seconds(e.stopDate),
      input: e.input,
      output: e.output,
      error: e.error,
      cause: e.cause,
    });
    switch (target) {
      case 'StartExecution': {
        const name = typeof body.name === 'string' ? body.name : crypto.randomUUID();
        const execution = this.startExecution(String(body.stateMachineArn), name, String(body.input ?? '{}'));
        return { executionArn: execution.executionArn, startDate: seconds(execution.startDate) };
      }
      case 'DescribeExecution': {
        const execution = this.#executions.get(String(body.executionArn));
        if (!execution)
          throw new ApiError(
            'ExecutionDoesNotExist',
            `Execution Does Not Exist: '${String(body.executionArn)}'`,
          );
        return describe(execution);
      }
      case 'ListExecutions':
        return {
          executions: this.executions()
            .filter((e) => e.stateMachineArn === body.stateMachineArn)
            .filter((e) => body.statusFilter === undefined || e.status === body.statusFilter)
            .map((e) => {
              const {
                input: _input,
                output: _output,
                error: _error,
                cause: _cause,
                ...summary
              } = describe(e);
              return summary;
            }),
        };
      case 'GetExecutionHistory': {
        const execution = this.#executions.get(String(body.executionArn));
        if (!execution)
          throw new ApiError(
            'ExecutionDoesNotExist',
            `Execution Does Not Exist: '${String(body.executionArn)}'`,
          );
        return { events: historyEventsOf(execution.events) };
      }
      default:
        throw new ApiError('UnknownOperationException', `The local Step Functions does not offer ${target}`);
    }
  }
}
