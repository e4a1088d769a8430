import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TRANSIENT_SERVICE_ERRORS } from '../../lib/constructs/decision-workflow.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

interface State {
  Type: string;
  Retry?: { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number }[];
}

const { statelessTemplate: template } = synthesize({ validateTemplates: false });
const [, stateMachine] = Object.entries(resourcesOf(template, 'AWS::StepFunctions::StateMachine')).find(
  ([id]) => id.startsWith('DecisionWorkflow'),
)! as [string, { Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } }];
// Function ARNs are intrinsics; the rest of the definition is plain text.
const definitionText = stateMachine.Properties.DefinitionString['Fn::Join'][1]
  .map((part) => (typeof part === 'string' ? part : '"arn"'))
  .join('')
  .replaceAll('""arn""', '"arn"');
const states = (JSON.parse(definitionText) as { States: Record<string, State> }).States;
const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');

describe('DecisionWorkflow', () => {
  it('runs each step again, with backoff, when an AWS service stayed throttled or failing through the SDK’s retries', () => {
    assert.deepEqual(tasks.map(([name]) => name).sort(), [
      'CheckAnswer',
      'CheckAnswerAgain',
      'SendDecision',
      'SendInvitationReminder',
      'SendQueryReminder',
      'TellCaseworker',
    ]);
    for (const [name, state] of tasks) {
      const retry = state.Retry?.find((r) =>
        r.ErrorEquals.includes('ProvisionedThroughputExceededException'),
      );
      assert.ok(retry, name);
      assert.deepEqual(retry.ErrorEquals, TRANSIENT_SERVICE_ERRORS, name);
      assert.deepEqual([retry.IntervalSeconds, retry.BackoffRate, retry.MaxAttempts], [5, 2, 4], name);
      // The function's own failures (a case that is gone, a bad request) are not run again.
      const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
      assert.ok(!retried.includes('States.TaskFailed') && !retried.includes('States.ALL'), name);
    }
  });
});
