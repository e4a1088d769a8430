import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { IntakeFunction } from './intake-function.ts';
import { acknowledgeWorkflowRole, lambdaStep } from './workflow-tasks.ts';

/** The functions behind the workflow's Task states, one per state of the same name. */
export interface IntakeWorkflowSteps {
  /** ParseEmail: streams the raw message apart, stores attachments. */
  readonly parseEmail: IntakeFunction;
  /** ScreenEmail: answers `{ outcome: 'Quarantine' | 'AutomaticMail' | ... }`. */
  readonly screenEmail: IntakeFunction;
  /** MatchCase: answers `{ outcome: 'Matched' | ... }`. */
  readonly matchCase: IntakeFunction;
  /** RecordDocuments: adds the documents to the matched case. */
  readonly recordDocuments: IntakeFunction;
  /** NotifyCaseworker: tells the caseworker of the matched case. */
  readonly notifyCaseworker: IntakeFunction;
  /** SendQuery: asks the applicant for the missing checklist items (rate-limited per case). */
  readonly sendQuery: IntakeFunction;
  /** SendTriageReply: the generic reply to an unassigned email (rate-limited per sender). */
  readonly sendTriageReply: IntakeFunction;
  /** HoldForPerson: puts the message in triage after any failed step. */
  readonly holdForPerson: IntakeFunction;
}

export interface IntakeWorkflowProps {
  /** The step functions. */
  readonly steps: IntakeWorkflowSteps;
  /**
   * The execution log group, named under `/aws/vendedlogs/` (CloudWatch Logs then grants delivery
   * through one account-level resource policy prefix). Kept in the stateful stack: a named log
   * group that outlives this one would block deploying it again.
   */
  readonly logGroup: logs.ILogGroup;
  /**
   * The project's key: execution history and state (Step Functions keeps them 90 days) are
   * encrypted with it, not with an AWS-owned key.
   */
  readonly encryptionKey: kms.IKey;
  /**
   * Limit of one execution; a stuck execution fails (and alarms) instead of hanging.
   * @default Duration.hours(1)
   */
  readonly timeout?: Duration;
}

/**
 * IntakeWorkflow: one Standard execution per received email (execution name = SES message id).
 *
 *   ParseEmail → ScreenEmail → RouteScreening ─ Quarantine → Quarantined
 *                                             ├ AutomaticMail → NoAutomaticReply
 *                                             └ otherwise → MatchCase → RouteMatch
 *   RouteMatch ─ Matched → RecordDocuments → NotifyCaseworker → RouteNextStep
 *              └ otherwise → SendTriageReply → Triaged
 *   RouteNextStep ─ SendQuery → SendQuery → Done
 *                 └ otherwise (ready for review, or text only) → Done
 *   Any Task failure (after Lambda service retries) → HoldForPerson → HeldForPerson
 *
 * Plain JSONPath, no JSONata and no variables: the local runner executes this same definition
 * and supports neither. Each step receives the whole state and adds its result under its own
 * path, so state passes by reference (S3 keys, hashes) and stays far below 256 KB. The local
 * runtime binds Task states to handlers by these state names: renaming one is a breaking change.
 */
export class IntakeWorkflow extends Construct {
  /** The state machine. */
  readonly stateMachine: sfn.StateMachine;
  /** Its execution log group. */
  readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: IntakeWorkflowProps) {
    super(scope, id);
    const { steps } = props;

    const invoke = (stateName: string, step: IntakeFunction, resultPath: string): tasks.LambdaInvoke =>
      lambdaStep(this, stateName, step, { resultPath });

    const holdForPerson = invoke('HoldForPerson', steps.holdForPerson, '$.held').next(
      new sfn.Succeed(this, 'HeldForPerson'),
    );
    const guarded = (task: tasks.LambdaInvoke): sfn.TaskStateBase =>
      task.addCatch(holdForPerson, { errors: [sfn.Errors.ALL], resultPath: '$.error' });

    const parseEmail = guarded(invoke('ParseEmail', steps.parseEmail, '$.parsed'));
    const screenEmail = guarded(invoke('ScreenEmail', steps.screenEmail, '$.screening'));
    const matchCase = guarded(invoke('MatchCase', steps.matchCase, '$.match'));
    const recordDocuments = guarded(invoke('RecordDocuments', steps.recordDocuments, '$.recorded'));
    const notifyCaseworker = guarded(invoke('NotifyCaseworker', steps.notifyCaseworker, '$.notified'));
    const sendQuery = guarded(invoke('SendQuery', steps.sendQuery, '$.query'));
    const sendTriageReply = guarded(invoke('SendTriageReply', steps.sendTriageReply, '$.triageReply'));
    const done = new sfn.Succeed(this, 'Done');
    const routeNextStep = new sfn.Choice(this, 'RouteNextStep')
      .when(sfn.Condition.stringEquals('$.recorded.next', 'SendQuery'), sendQuery.next(done))
      .otherwise(done);

    const routeMatch = new sfn.Choice(this, 'RouteMatch')
      .when(
        sfn.Condition.stringEquals('$.match.outcome', 'Matched'),
        recordDocuments.next(notifyCaseworker).next(routeNextStep),
      )
      .otherwise(sendTriageReply.next(new sfn.Succeed(this, 'Triaged')));
    const routeScreening = new sfn.Choice(this, 'RouteScreening')
      .when(
        sfn.Condition.stringEquals('$.screening.outcome', 'Quarantine'),
        new sfn.Succeed(this, 'Quarantined'),
      )
      .when(
        sfn.Condition.stringEquals('$.screening.outcome', 'AutomaticMail'),
        new sfn.Succeed(this, 'NoAutomaticReply'),
      )
      .otherwise(matchCase.next(routeMatch));

    this.logGroup = props.logGroup;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(parseEmail.next(screenEmail).next(routeScreening)),
      timeout: props.timeout ?? Duration.hours(1),
      tracingEnabled: true,
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.encryptionKey),
      // Every state transition is logged, without its input and output: they carry addresses.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    acknowledgeWorkflowRole(this, this.stateMachine, Object.values(steps));
  }
}
