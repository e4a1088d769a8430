import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourcesOf, synthesize } from './synthesized-app.ts';

interface State {
  Type: string;
  Next?: string;
  Default?: string;
  Resource?: string;
  ResultPath?: string;
  TimeoutSeconds?: number;
  Seconds?: number;
  SecondsPath?: string;
  Choices?: { Variable: string; StringEquals: string; Next: string }[];
  Catch?: { ErrorEquals: string[]; ResultPath: string; Next: string }[];
  Retry?: { ErrorEquals: string[] }[];
}

const { stateless, statelessTemplate: template } = synthesize({ validateTemplates: false });
const [[, stateMachine]] = Object.entries(resourcesOf(template, 'AWS::StepFunctions::StateMachine')) as [
  [string, { Properties: Record<string, unknown> }],
];
/** The definition, with each intrinsic (function ARNs) written as `${LogicalId.Attribute}`. */
const definitionText = (stateMachine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })[
  'Fn::Join'
][1]
  .map((part) =>
    typeof part === 'string' ? part : `\${${(part as { 'Fn::GetAtt': string[] })['Fn::GetAtt'].join('.')}}`,
  )
  .join('');
const definition = JSON.parse(definitionText) as {
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: string;
};
const states = definition.States;
const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
const functionArn = (name: string): string =>
  `\${${stateless.getLogicalId(stateless.functions[name]!.lambda.node.defaultChild as never)}.Arn}`;

describe('IntakeWorkflow', () => {
  it('is a Standard state machine logging every transition (without execution data) and traced', () => {
    assert.equal(stateMachine.Properties.StateMachineType, 'STANDARD');
    assert.equal((stateMachine.Properties.LoggingConfiguration as { Level: string }).Level, 'ALL');
    assert.equal(
      (stateMachine.Properties.LoggingConfiguration as { IncludeExecutionData: boolean })
        .IncludeExecutionData,
      false,
    );
    assert.deepEqual(stateMachine.Properties.TracingConfiguration, { Enabled: true });
  });

  it('times out after one hour', () => {
    assert.equal((definition as { TimeoutSeconds?: number }).TimeoutSeconds, 3600);
  });

  it('is plain JSONPath: no JSONata, no variables', () => {
    assert.ok(definition.QueryLanguage === undefined || definition.QueryLanguage === 'JSONPath');
    assert.ok(!definitionText.includes('JSONata'));
    assert.ok(!definitionText.includes('"Assign"'));
    assert.ok(!definitionText.includes('{%'));
  });

  it('has exactly the states the local runtime binds by name', () => {
    assert.deepEqual(Object.keys(states).sort(), [
      'AwaitMalwareScan',
      'CoalesceNotifications',
      'Done',
      'FileAttachments',
      'HeldForPerson',
      'HoldForPerson',
      'MatchCase',
      'NoAutomaticReply',
      'NotifyCaseworker',
      'ParseEmail',
      'Quarantined',
      'RecognizeDocuments',
      'RecordDocuments',
      'ReleaseFromHold',
      'RouteMatch',
      'RouteMoreNotifications',
      'RouteNextStep',
      'RouteNotification',
      'RouteRetry',
      'RouteScreening',
      'ScanAttachments',
      'ScanDone',
      'ScreenEmail',
      'SendCaseworkerNotification',
      'SendQuery',
      'SendTriageReply',
      'Triaged',
    ]);
    assert.equal(definition.StartAt, 'RouteRetry');
  });

  it('takes a retried message off hold before parsing it again; a first run parses at once', () => {
    assert.deepEqual(states.RouteRetry!.Choices, [
      { Variable: '$.retry', IsPresent: true, Next: 'ReleaseFromHold' },
    ]);
    assert.equal(states.RouteRetry!.Default, 'ParseEmail');
    assert.equal(states.ReleaseFromHold!.Next, 'ParseEmail');
    // Its answer is dropped: the state stays the first run's input plus `retry`.
    assert.equal(states.ReleaseFromHold!.ResultPath, null);
  });

  it('invokes each step function directly with its result under its own path', () => {
    const expected: Record<string, [string, string]> = {
      ParseEmail: ['parse-email', '$.parsed'],
      ScanAttachments: ['scan-attachments', '$.scan'],
      ScreenEmail: ['screen-email', '$.screening'],
      FileAttachments: ['file-attachments', '$.parsed.attachments'],
      MatchCase: ['match-case', '$.match'],
      RecordDocuments: ['record-documents', '$.recorded'],
      // Answers RecordDocuments' result again, as the checklist stands after recognition.
      RecognizeDocuments: ['recognize-documents', '$.recorded'],
      NotifyCaseworker: ['notify-caseworker', '$.notified'],
      SendCaseworkerNotification: ['send-caseworker-notification', '$.notification'],
      SendQuery: ['send-query', '$.query'],
      SendTriageReply: ['send-triage-reply', '$.triageReply'],
      HoldForPerson: ['hold-for-person', '$.held'],
    };
    assert.deepEqual(
      tasks.map(([name]) => name).sort(),
      [...Object.keys(expected), 'ReleaseFromHold'].sort(),
    );
    assert.equal(states.ReleaseFromHold!.Resource, functionArn('release-from-hold'));
    for (const [name, [handler, resultPath]] of Object.entries(expected)) {
      // payloadResponseOnly: the Task's resource is the function itself, not lambda:invoke.
      assert.equal(states[name]!.Resource, functionArn(handler), name);
      assert.equal(states[name]!.ResultPath, resultPath, name);
    }
  });

  it('waits for the malware scan of every file, bounded, before screening; files them before routing', () => {
    assert.equal(states.ParseEmail!.Next, 'ScanAttachments');
    assert.equal(states.ScanAttachments!.Next, 'ScanDone');
    assert.deepEqual(states.ScanDone!.Choices, [
      { Variable: '$.scan.outcome', StringEquals: 'Pending', Next: 'AwaitMalwareScan' },
    ]);
    assert.equal(states.ScanDone!.Default, 'ScreenEmail');
    assert.equal(states.AwaitMalwareScan!.Type, 'Wait');
    assert.equal(states.AwaitMalwareScan!.Seconds, 10);
    assert.equal(states.AwaitMalwareScan!.Next, 'ScanAttachments');
    assert.equal(states.ScreenEmail!.Next, 'FileAttachments');
    assert.equal(states.FileAttachments!.Next, 'RouteScreening');
  });

  it('routes screening: Quarantine and AutomaticMail end, everything else goes on to MatchCase', () => {
    assert.deepEqual(states.RouteScreening!.Choices, [
      { Variable: '$.screening.outcome', StringEquals: 'Quarantine', Next: 'Quarantined' },
      { Variable: '$.screening.outcome', StringEquals: 'AutomaticMail', Next: 'NoAutomaticReply' },
    ]);
    assert.equal(states.RouteScreening!.Default, 'MatchCase');
    assert.equal(states.Quarantined!.Type, 'Succeed');
    assert.equal(states.NoAutomaticReply!.Type, 'Succeed');
  });

  it('routes matching: Matched records, recognises and notifies, everything else gets the generic reply and is triaged', () => {
    assert.equal(states.MatchCase!.Next, 'RouteMatch');
    assert.deepEqual(states.RouteMatch!.Choices, [
      { Variable: '$.match.outcome', StringEquals: 'Matched', Next: 'RecordDocuments' },
    ]);
    assert.equal(states.RouteMatch!.Default, 'SendTriageReply');
    assert.equal(states.SendTriageReply!.Next, 'Triaged');
    assert.equal(states.RecordDocuments!.Next, 'RecognizeDocuments');
    assert.equal(states.RecognizeDocuments!.Next, 'RouteNextStep');
    assert.equal(states.Done!.Type, 'Succeed');
    assert.equal(states.Triaged!.Type, 'Succeed');
  });

  it('acknowledges every submission with documents (the query when items are missing), then tells the caseworker', () => {
    assert.deepEqual(states.RouteNextStep!.Choices, [
      {
        Or: [
          { Variable: '$.recorded.next', StringEquals: 'SendQuery' },
          { Variable: '$.recorded.next', StringEquals: 'ReadyForReview' },
        ],
        Next: 'SendQuery',
      },
    ]);
    assert.equal(states.RouteNextStep!.Default, 'NotifyCaseworker');
    assert.equal(states.SendQuery!.Next, 'NotifyCaseworker');
  });

  it('coalesces caseworker emails: the leading submission waits its window, then sends for all, again while more joined', () => {
    assert.equal(states.NotifyCaseworker!.Next, 'RouteNotification');
    assert.deepEqual(states.RouteNotification!.Choices, [
      { Variable: '$.notified.outcome', StringEquals: 'Lead', Next: 'CoalesceNotifications' },
    ]);
    assert.equal(states.RouteNotification!.Default, 'Done');
    assert.equal(states.CoalesceNotifications!.Type, 'Wait');
    assert.equal(states.CoalesceNotifications!.SecondsPath, '$.notified.waitSeconds');
    assert.equal(states.CoalesceNotifications!.Next, 'SendCaseworkerNotification');
    assert.equal(states.SendCaseworkerNotification!.Next, 'RouteMoreNotifications');
    assert.deepEqual(states.RouteMoreNotifications!.Choices, [
      { Variable: '$.notification.more', BooleanEquals: true, Next: 'CoalesceNotifications' },
    ]);
    assert.equal(states.RouteMoreNotifications!.Default, 'Done');
  });

  it('a failed or timed-out recognition holds nothing: the applicant is acknowledged, the caseworker told, the files wait for them', () => {
    assert.deepEqual(states.RecognizeDocuments!.Catch, [
      { ErrorEquals: ['States.ALL'], ResultPath: '$.recognitionError', Next: 'RouteNextStep' },
    ]);
  });

  it('catches every failure of every other step into HoldForPerson, which has no catch of its own', () => {
    const holding = tasks.filter(([name]) => name !== 'HoldForPerson' && name !== 'RecognizeDocuments');
    for (const [name, state] of holding) {
      assert.deepEqual(
        state.Catch,
        [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'HoldForPerson' }],
        name,
      );
    }
    assert.equal(states.HoldForPerson!.Catch, undefined);
    assert.equal(states.HoldForPerson!.Next, 'HeldForPerson');
    assert.equal(states.HeldForPerson!.Type, 'Succeed');
  });

  it('retries Lambda service exceptions only, never the function’s own errors', () => {
    for (const [name, state] of tasks) {
      const retried = (state.Retry ?? []).flatMap((retry) => retry.ErrorEquals);
      assert.ok(retried.includes('Lambda.ServiceException'), name);
      assert.ok(!retried.includes('States.TaskFailed') && !retried.includes('States.ALL'), name);
    }
  });

  it('gives each Task more time than its function, so the function’s own timeout is what fails', () => {
    for (const [name, state] of tasks) {
      const handler = Object.entries(stateless.functions).find(
        ([key]) => functionArn(key) === state.Resource,
      )![1];
      assert.ok(state.TimeoutSeconds! > handler.lambda.timeout!.toSeconds(), name);
    }
  });
});
