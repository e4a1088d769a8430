import { Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { IntakeFunction } from './intake-function.ts';
import { acknowledgeWorkflowRole, lambdaStep } from './workflow-tasks.ts';

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
}

/**
 * DecisionWorkflow: one Standard execution per caseworker decision (execution name = decision id,
 * derived from its content, so the same decision twice sends once).
 *
 *   Prepare → SendDecision → RouteDecision ─ query → WaitForAnswer → CheckAnswer → RouteAnswer
 *                                           ├ cancellation → Cancelled
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
    ): tasks.LambdaInvoke => lambdaStep(this, stateName, step, options);
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
        .otherwise(invitationBranch),
    );

    this.logGroup = props.logGroup;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      // Reminders wait days (an appointment may be months away); Standard workflows run up to a year.
      timeout: Duration.days(365),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    acknowledgeWorkflowRole(this, this.stateMachine, Object.values(steps));
  }
}
