import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { LocalStepFunctions } from '../../local/step-functions-service.ts';

/**
 * The local Step Functions API answers the real SDK as AWS does for what the pipeline relies
 * on: idempotent StartExecution per name, and task errors routed by name.
 */
const arn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:Test';
const definition = {
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:eu-west-1:000000000000:function:Work',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
};

describe('LocalStepFunctions', () => {
  let service: LocalStepFunctions;
  let client: SFNClient;
  const invocations: unknown[] = [];

  before(async () => {
    service = new LocalStepFunctions(
      [{ logicalId: 'Test', arn, definition, taskFunctions: { Work: 'WorkFn' } }],
      async (_state, _fn, input) => {
        invocations.push(input);
        if ((input as { fail?: boolean }).fail) {
          const error = new Error('boom');
          error.name = 'DocumentStoreError';
          throw error;
        }
        return { done: true };
      },
    );
    const port = await service.listen(0);
    client = new SFNClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });

  after(async () => {
    client.destroy();
    await service.close();
  });

  it('runs an execution to its end and describes it', async () => {
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'first', input: '{"n":1}' }),
    );
    await service.executions().find((e) => e.name === 'first')!.finished;
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    assert.equal(described.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(described.output!), { done: true });
  });

  it('refuses a second execution of a finished name, as AWS does', async () => {
    await assert.rejects(
      client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'first', input: '{"n":1}' })),
      (error) => error instanceof ExecutionAlreadyExists,
    );
    assert.equal(service.executions().filter((e) => e.name === 'first').length, 1);
  });

  it('waits months when told to, instead of firing at once, and stops waiting when the service closes', async () => {
    const waiterArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:Waiter';
    const waiter = new LocalStepFunctions(
      [
        {
          logicalId: 'Waiter',
          arn: waiterArn,
          definition: {
            StartAt: 'UntilTheDayBefore',
            States: {
              UntilTheDayBefore: { Type: 'Wait', TimestampPath: '$.at', Next: 'Remind' },
              Remind: { Type: 'Pass', End: true },
            },
          },
          taskFunctions: {},
        },
      ],
      async () => ({}),
    );
    const in60Days = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString();
    const execution = waiter.startExecution(waiterArn, 'invitation', JSON.stringify({ at: in60Days }));

    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(execution.status, 'RUNNING');
    assert.ok(!execution.events.some((event) => 'state' in event && event.state.name === 'Remind'));
    await waiter.close();
    assert.equal(execution.status, 'ABORTED');
  });

  it('passes a task error by its name to the Catch', async () => {
    await client.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'failing', input: '{"fail":true}' }),
    );
    const execution = service.executions().find((e) => e.name === 'failing')!;
    await execution.finished;
    assert.equal(execution.status, 'SUCCEEDED');
    assert.equal(
      (JSON.parse(execution.output!) as { error: { Error: string } }).error.Error,
      'DocumentStoreError',
    );
  });
});
