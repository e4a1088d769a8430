import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { IntakeFunction } from './intake-function.ts';
import { acknowledgeWorkflowRole, lambdaStep } from './workflow-tasks.ts';

/**
 * What a step's function fails with when an AWS service stayed throttled or failing through the
 * SDK's own retries (the modeled error names of DynamoDB, S3 and SES; Powertools idempotency wraps
 * DynamoDB's). Unlike IntakeWorkflow, no person picks up a failed decision (deciding again is the
 * same decision, already started), and every step is safe to run again (idempotent sends,
 * conditional writes): so Step Functions runs it again, later, with backoff.
 */
export const TRANSIENT_SERVICE_ERRORS = [
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'InternalServerError',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'IdempotencyPersistenceLayerError',
];

/** The functions behind the DecisionWorkflow's Task states. */
export interface DecisionWorkflowSteps {
  /** SendDecision: the caseworker's query, or the invitation with its calendar file. */
  readonly send: IntakeFunction;
  /** CheckAnswer / CheckAnswerAgain: has the applicant written since? */
  readonly checkAnswer: IntakeFunction;
  /** SendQueryReminder, TellCaseworker, SendInvitationReminder. */
  readonly remind: IntakeFunction;
}

export interface DecisionWorkflowProps {
  readonly steps: DecisionWorkflowSteps;
  /** The execution log group (see `IntakeWorkflowProps.logGroup`). */
  readonly logGroup: logs.ILogGroup;
  /** The project's key: execution history and state are encrypted with it (see IntakeWorkflow). */
  readonly encryptionKey: kms.IKey;
}

/**
 * DecisionWorkflow: one Standard execution per caseworker decision (execution name = decision id,
 * derived from its content, so the same decision twice sends once).
 *
 *   Prepare → SendDecision → RouteDecision ─ query → WaitForAnswer → CheckAnswer → RouteAnswer
 *                                           ├ cancellation → Cancelled
 *                                           ├ welcome, acknowledgement (applicant notices) → Told
 *                                           └ invitation → RouteInvitationReminder ─ a day or more ahead → WaitUntilDayBefore → SendInvitationReminder → Invited
 *                                                                                 └ otherwise → Invited
 *   RouteAnswer ─ answered → Answered
 *               └ otherwise → SendQueryReminder → WaitAfterReminder → CheckAnswerAgain → RouteAnswerAgain
 *   RouteAnswerAgain ─ answered → Answered
 *                    └ otherwise → TellCaseworker → Unanswered
 *
 * Wait durations come from SendDecision's output, which reads them from the stage config; tests
 * shorten them by state name. Plain JSONPath, like IntakeWorkflow, so the local runner runs it.
 */
export class DecisionWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: DecisionWorkflowProps) {
    super(scope, id);
    const { steps } = props;
    const invoke = (
      stateName: string,
      step: IntakeFunction,
      options: Partial<tasks.LambdaInvokeProps>,
    ): tasks.LambdaInvoke => {
      const task = lambdaStep(this, stateName, step, options);
      task.addRetry({
        errors: TRANSIENT_SERVICE_ERRORS,
        // 5, 10, 20, 40 s (full jitter): past a throttling burst or a short service disruption.
        interval: Duration.seconds(5),
        backoffRate: 2,
        maxAttempts: 4,
        jitterStrategy: sfn.JitterType.FULL,
      });
      return task;
    };
    const remind = (stateName: string, reminder: 'query' | 'caseworker' | 'invitation'): tasks.LambdaInvoke =>
      invoke(stateName, steps.remind, {
        payload: sfn.TaskInput.fromObject({ reminder, 'state.$': '$' }),
        resultPath: `$.${reminder}Reminder`,
      });
    const checkAnswer = (stateName: string): tasks.LambdaInvoke =>
      invoke(stateName, steps.checkAnswer, { resultPath: '$.answer' });
    const answered = new sfn.Succeed(this, 'Answered');
    const answeredCondition = sfn.Condition.booleanEquals('$.answer.answered', true);

    const prepare = new sfn.Pass(this, 'Prepare', { parameters: { 'request.$': '$' } });
    const sendDecision = invoke('SendDecision', steps.send, { inputPath: '$.request', resultPath: '$.sent' });

    const queryBranch = new sfn.Wait(this, 'WaitForAnswer', {
      time: sfn.WaitTime.secondsPath('$.sent.reminderAfterSeconds'),
    })
      .next(checkAnswer('CheckAnswer'))
      .next(
        new sfn.Choice(this, 'RouteAnswer').when(answeredCondition, answered).otherwise(
          remind('SendQueryReminder', 'query')
            .next(
              new sfn.Wait(this, 'WaitAfterReminder', {
                time: sfn.WaitTime.secondsPath('$.sent.reminderAfterSeconds'),
              }),
            )
            .next(checkAnswer('CheckAnswerAgain'))
            .next(
              new sfn.Choice(this, 'RouteAnswerAgain')
                .when(answeredCondition, answered)
                .otherwise(remind('TellCaseworker', 'caseworker').next(new sfn.Succeed(this, 'Unanswered'))),
            ),
        ),
      );
    const invited = new sfn.Succeed(this, 'Invited');
    // No reminder when the appointment is less than a day ahead: the invitation is the reminder.
    const invitationBranch = new sfn.Choice(this, 'RouteInvitationReminder')
      .when(
        sfn.Condition.booleanEquals('$.sent.invitationReminder', true),
        new sfn.Wait(this, 'WaitUntilDayBefore', {
          time: sfn.WaitTime.timestampPath('$.sent.reminderAt'),
        })
          .next(remind('SendInvitationReminder', 'invitation'))
          .next(invited),
      )
      .otherwise(invited);

    const definition = prepare.next(sendDecision).next(
      new sfn.Choice(this, 'RouteDecision')
        .when(sfn.Condition.stringEquals('$.request.kind', 'query'), queryBranch)
        // A cancellation is the one email; the cancelled invitation's reminder checks before sending.
        .when(
          sfn.Condition.stringEquals('$.request.kind', 'cancellation'),
          new sfn.Succeed(this, 'Cancelled'),
        )
        // The checklist on opening a case, the acknowledgement of an assigned email: one email each.
        .when(
          sfn.Condition.or(
            sfn.Condition.stringEquals('$.request.kind', 'welcome'),
            sfn.Condition.stringEquals('$.request.kind', 'acknowledgement'),
          ),
          new sfn.Succeed(this, 'Told'),
        )
        .otherwise(invitationBranch),
    );

    this.logGroup = props.logGroup;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      // Reminders wait days (an appointment may be months away); Standard workflows run up to a year.
      timeout: Duration.days(365),
      tracingEnabled: true,
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.encryptionKey),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    acknowledgeWorkflowRole(this, this.stateMachine, Object.values(steps));
  }
}
