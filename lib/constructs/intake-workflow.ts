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
  /** ScanAttachments: the malware scan result of every staged file, `{ outcome: 'Scanned' | 'Pending' }`. */
  readonly scanAttachments: IntakeFunction;
  /** ScreenEmail: answers `{ outcome: 'Quarantine' | 'AutomaticMail' | ... }`. */
  readonly screenEmail: IntakeFunction;
  /** FileAttachments: moves each staged file to `documents/` or `quarantine/`. */
  readonly fileAttachments: IntakeFunction;
  /** MatchCase: answers `{ outcome: 'Matched' | ... }`. */
  readonly matchCase: IntakeFunction;
  /** RecordDocuments: adds the documents to the matched case. */
  readonly recordDocuments: IntakeFunction;
  /**
   * RecognizeDocuments: places the new documents by their content (text, OCR, MRZ); answers the
   * RecordDocuments result again with the checklist as it now stands.
   */
  readonly recognizeDocuments: IntakeFunction;
  /**
   * NotifyCaseworker: adds a submission that brings something new to its case's pending
   * caseworker email, `{ outcome: 'Lead', waitSeconds }` when it is the first pending.
   */
  readonly notifyCaseworker: IntakeFunction;
  /** SendCaseworkerNotification: after the window, one email for every pending submission. */
  readonly sendCaseworkerNotification: IntakeFunction;
  /**
   * SendQuery: acknowledges the submission to the applicant; with items missing that is the
   * query (rate-limited per case), with the last one it says the file is complete.
   */
  readonly sendQuery: IntakeFunction;
  /** SendTriageReply: the generic reply to an unassigned email (rate-limited per sender). */
  readonly sendTriageReply: IntakeFunction;
  /** HoldForPerson: puts the message in triage after any failed step. */
  readonly holdForPerson: IntakeFunction;
  /** ReleaseFromHold: on a retry run only, takes the held message off the triage list first. */
  readonly releaseFromHold: IntakeFunction;
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
  /**
   * Wait between two reads of the malware scan results (ScanAttachments gives up after
   * MAX_SCAN_ATTEMPTS reads and holds what is still unscanned as `scan-timeout`).
   * @default Duration.seconds(10)
   */
  readonly scanPollInterval?: Duration;
}

/**
 * IntakeWorkflow: one Standard execution per received email (execution name = SES message id).
 *
 *   RouteRetry ─ retry of a held message → ReleaseFromHold → ParseEmail
 *              └ otherwise → ParseEmail
 *   ParseEmail → ScanAttachments → ScanDone ─ Pending → AwaitMalwareScan → ScanAttachments
 *                                           └ otherwise → ScreenEmail → FileAttachments → RouteScreening
 *   RouteScreening ─ Quarantine → Quarantined
 *                                             ├ AutomaticMail → NoAutomaticReply
 *                                             └ otherwise → MatchCase → RouteMatch
 *   RouteMatch ─ Matched → RecordDocuments → RecognizeDocuments → RouteNextStep
 *              └ otherwise → SendTriageReply → Triaged
 *   RouteNextStep ─ documents (missing or complete) → SendQuery (the acknowledgement) → NotifyCaseworker
 *                 └ otherwise (text only) → NotifyCaseworker
 *   NotifyCaseworker → RouteNotification ─ Lead → CoalesceNotifications (wait) → SendCaseworkerNotification
 *                                        │      → RouteMoreNotifications ─ more → CoalesceNotifications
 *                                        │                               └ otherwise → Done
 *                                        └ otherwise (joined, sent, nothing new) → Done
 *   Any Task failure (after Lambda service retries) → HoldForPerson → HeldForPerson, except
 *   RecognizeDocuments: its failure (a page past its timeout) goes on to RouteNextStep with
 *   RecordDocuments' result; the files unread wait for the caseworker, the acknowledgement lists
 *   them and asks for nothing they may be.
 *
 * Files wait in `staging/` until they are scanned and the email is screened; FileAttachments then
 * moves them and replaces `$.parsed.attachments` with where they are now.
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
    const scanAttachments = guarded(invoke('ScanAttachments', steps.scanAttachments, '$.scan'));
    const screenEmail = guarded(invoke('ScreenEmail', steps.screenEmail, '$.screening'));
    const fileAttachments = guarded(invoke('FileAttachments', steps.fileAttachments, '$.parsed.attachments'));
    const matchCase = guarded(invoke('MatchCase', steps.matchCase, '$.match'));
    const recordDocuments = guarded(invoke('RecordDocuments', steps.recordDocuments, '$.recorded'));
    const notifyCaseworker = guarded(invoke('NotifyCaseworker', steps.notifyCaseworker, '$.notified'));
    const sendQuery = guarded(invoke('SendQuery', steps.sendQuery, '$.query'));
    const sendCaseworkerNotification = guarded(
      invoke('SendCaseworkerNotification', steps.sendCaseworkerNotification, '$.notification'),
    );
    const sendTriageReply = guarded(invoke('SendTriageReply', steps.sendTriageReply, '$.triageReply'));
    const done = new sfn.Succeed(this, 'Done');
    // Submissions of one case within the window become one caseworker email: the first waits here
    // (no Lambda waiting), the others joined its pending record and end. A Wait state rather than
    // a per-case timer: it is the workflow's own, visible in its history, and the local runner
    // runs it; the pending record (not the state) holds what the email says.
    const coalesce = new sfn.Wait(this, 'CoalesceNotifications', {
      time: sfn.WaitTime.secondsPath('$.notified.waitSeconds'),
    });
    coalesce
      .next(sendCaseworkerNotification)
      .next(
        new sfn.Choice(this, 'RouteMoreNotifications')
          .when(sfn.Condition.booleanEquals('$.notification.more', true), coalesce)
          .otherwise(done),
      );
    notifyCaseworker.next(
      new sfn.Choice(this, 'RouteNotification')
        .when(sfn.Condition.stringEquals('$.notified.outcome', 'Lead'), coalesce)
        .otherwise(done),
    );
    const routeNextStep = new sfn.Choice(this, 'RouteNextStep')
      .when(
        sfn.Condition.or(
          sfn.Condition.stringEquals('$.recorded.next', 'SendQuery'),
          sfn.Condition.stringEquals('$.recorded.next', 'ReadyForReview'),
        ),
        sendQuery.next(notifyCaseworker),
      )
      .otherwise(notifyCaseworker);
    // Replaces `$.recorded` with the same result after recognition, so the acknowledgement says
    // what each file is. Its failure holds nothing: the email is recorded, the acknowledgement
    // lists the unread files and asks for nothing they may be, the caseworker is told.
    const recognizeDocuments = invoke('RecognizeDocuments', steps.recognizeDocuments, '$.recorded').addCatch(
      routeNextStep,
      { errors: [sfn.Errors.ALL], resultPath: '$.recognitionError' },
    );

    const routeMatch = new sfn.Choice(this, 'RouteMatch')
      .when(
        sfn.Condition.stringEquals('$.match.outcome', 'Matched'),
        recordDocuments.next(recognizeDocuments).next(routeNextStep),
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

    // GuardDuty scans each file as it lands in staging/ (seconds to minutes); until every file has
    // a result the workflow waits and asks again, without a Lambda waiting in between.
    const awaitScan = new sfn.Wait(this, 'AwaitMalwareScan', {
      time: sfn.WaitTime.duration(props.scanPollInterval ?? Duration.seconds(10)),
    });
    const scanDone = new sfn.Choice(this, 'ScanDone')
      .when(sfn.Condition.stringEquals('$.scan.outcome', 'Pending'), awaitScan.next(scanAttachments))
      .otherwise(screenEmail.next(fileAttachments).next(routeScreening));
    // `intake triage retry` starts a run with `$.retry`; it first takes the message off hold.
    const releaseFromHold = guarded(
      lambdaStep(this, 'ReleaseFromHold', steps.releaseFromHold, { resultPath: sfn.JsonPath.DISCARD }),
    );
    parseEmail.next(scanAttachments).next(scanDone);
    const routeRetry = new sfn.Choice(this, 'RouteRetry')
      .when(sfn.Condition.isPresent('$.retry'), releaseFromHold.next(parseEmail))
      .otherwise(parseEmail);

    this.logGroup = props.logGroup;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(routeRetry),
      timeout: props.timeout ?? Duration.hours(1),
      tracingEnabled: true,
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.encryptionKey),
      // Every state transition is logged, without its input and output: they carry addresses.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    acknowledgeWorkflowRole(this, this.stateMachine, Object.values(steps));
  }
}
