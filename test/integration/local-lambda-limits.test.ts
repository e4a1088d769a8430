import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LocalLambda } from '../../local/local-lambda.ts';
import { LocalStepFunctions, STATE_DATA_LIMIT_BYTES } from '../../local/step-functions-service.ts';

const entry = join(import.meta.dirname, '..', 'fixtures', 'lambdas', 'misbehaving-handler.ts');

describe('LocalLambda enforces the function limits Lambda enforces', () => {
  const lambdas: LocalLambda[] = [];
  const lambda = (limits: { memorySize: number; timeoutSeconds: number }): LocalLambda => {
    const fn = new LocalLambda('Misbehaving', entry, { ONLY_THIS: 'yes' }, limits);
    lambdas.push(fn);
    return fn;
  };

  after(async () => {
    await Promise.all(lambdas.map((l) => l.stop()));
  });

  it('an invocation past the timeout fails with Sandbox.Timedout, and the next gets a fresh container', async () => {
    // Prepare
    const fn = lambda({ memorySize: 256, timeoutSeconds: 1 });

    // Act
    const started = Date.now();
    const slow = await fn.invoke({ sleepMs: 5_000 }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    const elapsed = Date.now() - started;
    const next = await fn.invoke({});

    // Assess
    assert.equal(slow?.name, 'Sandbox.Timedout');
    assert.match(slow?.message ?? '', /timed out after 1\.00 seconds/);
    assert.ok(elapsed < 4_000, `stopped after ${elapsed} ms`);
    assert.deepEqual(next, { ok: true, env: 'yes' });
  });

  it('a function that holds more than its memory size fails with Runtime.OutOfMemory, then recovers', async () => {
    // Prepare
    const fn = lambda({ memorySize: 64, timeoutSeconds: 30 });

    // Act
    const greedy = await fn.invoke({ holdMb: 400 }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    const next = await fn.invoke({});

    // Assess
    assert.equal(greedy?.name, 'Runtime.OutOfMemory');
    assert.deepEqual(next, { ok: true, env: 'yes' });
  });

  it('the same work within its limits succeeds', async () => {
    const fn = lambda({ memorySize: 512, timeoutSeconds: 5 });
    assert.deepEqual(await fn.invoke({ sleepMs: 10, holdMb: 20 }), { ok: true, env: 'yes' });
  });
});

describe('LocalStepFunctions enforces the 256 KB state limit as Step Functions does', () => {
  const arn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:Limits';
  const definition = {
    StartAt: 'Work',
    States: {
      Work: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:Work',
        ResultPath: '$.work',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
        Next: 'After',
      },
      After: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:After',
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  };
  const ran: string[] = [];
  const service = new LocalStepFunctions(
    [{ logicalId: 'Limits', arn, definition, taskFunctions: { Work: 'WorkFn', After: 'AfterFn' } }],
    async (state, _fn, input) => {
      ran.push(state);
      const { resultBytes = 10 } = input as { resultBytes?: number };
      return { text: 'x'.repeat(resultBytes) };
    },
  );

  after(() => service.close());

  it('a result that makes the state larger than 256 KB fails the execution, past any Catch', async () => {
    // Prepare: the result alone fits, the state with it does not
    ran.length = 0;
    const input = { padding: 'p'.repeat(200 * 1024), resultBytes: 100 * 1024 };

    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timersBefore = timers();

    // Act
    const execution = service.startExecution(arn, 'too-big', JSON.stringify(input));
    await execution.finished;

    // Assess
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'States.DataLimitExceeded');
    assert.match(execution.cause ?? '', /'Work'/);
    assert.deepEqual(ran, ['Work'], 'a state after the oversized one ran');
    const states = execution.events.flatMap((event) => ('state' in event ? [event.state.name] : []));
    assert.ok(states.includes('Work'), 'the event log shows the states entered');
    assert.ok(!states.includes('Caught'), `the Catch ran: ${states.join(', ')}`);
    // The task's timeout timer goes with the execution (it once kept the process alive a minute).
    assert.equal(timers(), timersBefore, 'a timer outlives the failed execution');
  });

  it('just under the limit the execution goes on', async () => {
    ran.length = 0;
    const input = { resultBytes: STATE_DATA_LIMIT_BYTES - 1024 };
    const execution = service.startExecution(arn, 'fits', JSON.stringify(input));
    await execution.finished;
    assert.equal(execution.status, 'SUCCEEDED', `${execution.error}: ${execution.cause}`);
    assert.deepEqual(ran, ['Work', 'After']);
  });

  it('an execution input over 256 KB is refused', () => {
    assert.throws(
      () =>
        service.startExecution(
          arn,
          'input-too-big',
          JSON.stringify({ p: 'x'.repeat(STATE_DATA_LIMIT_BYTES) }),
        ),
      /exceeds 262144 bytes/,
    );
  });
});
