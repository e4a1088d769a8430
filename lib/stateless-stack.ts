import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import { MESSAGE_METRICS, SERVICE_DIMENSION } from '../functions/events/message-metrics.ts';
import type { StageConfig } from './config.ts';
import { CaseworkerApi } from './constructs/caseworker-api.ts';
import { IntakeFunction, type IntakeFunctionProps } from './constructs/intake-function.ts';
import { DecisionWorkflow } from './constructs/decision-workflow.ts';
import { IntakeWorkflow } from './constructs/intake-workflow.ts';
import { OperationalAlarms } from './constructs/operational-alarms.ts';
import { OutboundMail } from './constructs/outbound-mail.ts';
import { SesReceiving } from './constructs/ses-receiving.ts';
import { resourceNames } from './resource-names.ts';
import { INBOUND_MAIL_PREFIX } from './stateful-stack.ts';
import { referenceStatefulResources, type StatefulResources } from './stateful-references.ts';

export interface StatelessStackProps extends StackProps {
  /** The stage being deployed. */
  readonly config: StageConfig;
  /** The stateful stack's key, buckets and table. */
  readonly stateful: StatefulResources;
}

/** `POWERTOOLS_SERVICE_NAME` of every function: one service, told apart by function name. */
const SERVICE_NAME = 'email-intake';

/** What differs between the functions; the rest comes from the stage config. */
type FunctionOptions = Pick<IntakeFunctionProps, 'description'> &
  Partial<
    Pick<IntakeFunctionProps, 'invokedBy' | 'memorySize' | 'timeout' | 'environment' | 'reservedConcurrency'>
  >;

/** The handlers, one file per Lambda function. */
const HANDLERS_DIR = resolve(import.meta.dirname, '..', 'functions', 'handlers');
const handlerEntry = (name: string): string => resolve(HANDLERS_DIR, `${name}.ts`);

/**
 * Everything that can be replaced without losing data: the functions, the intake workflow, SES
 * receiving and sending, and the alarms. Redeploying or even deleting this stack leaves every
 * email, document and case in the stateful stack.
 */
export class StatelessStack extends Stack {
  /** The intake workflow. */
  readonly workflow: IntakeWorkflow;
  /** The decision workflow (queries, invitations, reminders). */
  readonly decisionWorkflow: DecisionWorkflow;
  /** SES receiving: rule set, rule, notification topic and queue. */
  readonly receiving: SesReceiving;
  /** SES sending: identity, configuration set, feedback topic and queue. */
  readonly outbound: OutboundMail;
  /** Alarms on failed executions and dead letters. */
  readonly alarms: OperationalAlarms;
  /** The caseworkers' HTTP API (IAM-authorised). */
  readonly caseworkerApi: CaseworkerApi;
  /** Every function, by handler file name. */
  readonly functions: Readonly<Record<string, IntakeFunction>>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = resourceNames(config);
    const {
      key,
      inboundBucket,
      documentBucket,
      table,
      replyAddressSecret,
      intakeWorkflowLogGroup,
      decisionWorkflowLogGroup,
    } = referenceStatefulResources(this, props.stateful, names.prefix);
    for (const resource of Object.values(props.stateful)) this.addStackDependency(Stack.of(resource));

    const newFunction = (name: string, options: FunctionOptions): IntakeFunction =>
      new IntakeFunction(this, pascalCase(name), {
        entry: handlerEntry(name),
        logRetention: config.logRetentionDays,
        serviceName: SERVICE_NAME,
        metricsNamespace: names.prefix,
        invokedBy: 'state-machine',
        ...options,
      });
    // Every workflow step knows the mail domain, to tell the office's own addresses apart.
    const workflowStep = (
      name: string,
      description: string,
      options: Omit<FunctionOptions, 'description'> = {},
    ): IntakeFunction =>
      newFunction(name, { description, environment: { INTAKE_MAIL_DOMAIN: config.mailDomain }, ...options });
    // The intake path is capped per step: a burst of mail waits in the workflow's retries
    // (Lambda.TooManyRequestsException) instead of taking the caseworker API's capacity.
    const intakeStep = (
      name: string,
      description: string,
      options: Omit<FunctionOptions, 'description'> = {},
    ): IntakeFunction =>
      workflowStep(name, description, { reservedConcurrency: config.intakeStepConcurrency, ...options });

    this.outbound = new OutboundMail(this, 'OutboundMail', {
      mailDomain: config.mailDomain,
      senderAddress: config.senderAddress,
      configurationSetName: names.configurationSet,
      feedbackTopicName: names.mailFeedbackTopic,
      encryptionKey: key,
    });

    // Streams up to 40 MB of MIME and every attachment through hashing and type sniffing.
    const parseEmail = intakeStep('parse-email', 'IntakeWorkflow ParseEmail: stream the email apart', {
      memorySize: 1024,
      timeout: Duration.minutes(5),
    })
      .bindBucket('INBOUND_BUCKET', inboundBucket, 'read')
      .bindBucket('DOCUMENT_BUCKET', documentBucket, 'readWrite');
    const screenEmail = intakeStep('screen-email', 'IntakeWorkflow ScreenEmail: verdicts and loops');
    screenEmail.bindTable(table, 'readWrite');
    const matchCase = intakeStep('match-case', 'IntakeWorkflow MatchCase: find the case or triage');
    // MatchCase verifies the signed reply addresses that replies come back to.
    matchCase.bindTable(table, 'readWrite').bindSecret('REPLY_ADDRESS_SECRET_ARN', replyAddressSecret);
    const recordDocuments = intakeStep('record-documents', 'IntakeWorkflow RecordDocuments: add to the case');
    recordDocuments.bindTable(table, 'readWrite').bindBucket('DOCUMENT_BUCKET', documentBucket, 'read');
    // Every step that sends mail: the table (case, log, idempotency, rate limits), the document
    // bucket (the archived copy of each sent message), SES, the office's details, the reply secret.
    const canSendMail = (fn: IntakeFunction): IntakeFunction => {
      const settings = {
        INTAKE_ADDRESS: config.intakeRecipients[0] ?? config.senderAddress,
        OFFICE_NAME: config.officeName,
        SERVICE_POINT_ADDRESS: config.servicePointAddress,
        PERMIT_FEE: config.permitFee,
        OFFICE_TIME_ZONE: config.officeTimeZone,
        QUERY_PERIOD_SECONDS: String(config.queryPeriodHours * 3600),
        TRIAGE_REPLY_PERIOD_SECONDS: String(config.triageReplyPeriodHours * 3600),
      };
      for (const [name, value] of Object.entries(settings)) fn.addEnvironment(name, value);
      return fn
        .bindTable(table, 'readWrite')
        .bindBucket('DOCUMENT_BUCKET', documentBucket, 'readWrite')
        .bindEmailSending(this.outbound.sending)
        .bindSecret('REPLY_ADDRESS_SECRET_ARN', replyAddressSecret);
    };
    const mailingStep = (name: string, description: string): IntakeFunction =>
      canSendMail(workflowStep(name, description));
    const intakeMailingStep = (name: string, description: string): IntakeFunction =>
      canSendMail(intakeStep(name, description));
    const notifyCaseworker = intakeMailingStep('notify-caseworker', 'IntakeWorkflow NotifyCaseworker');
    const sendQuery = intakeMailingStep('send-query', 'IntakeWorkflow SendQuery: ask for missing documents');
    const sendTriageReply = intakeMailingStep(
      'send-triage-reply',
      'IntakeWorkflow SendTriageReply: generic reply',
    );
    const holdForPerson = intakeStep('hold-for-person', 'IntakeWorkflow HoldForPerson: triage a failure');
    holdForPerson.bindTable(table, 'readWrite');
    const steps = {
      parseEmail,
      screenEmail,
      matchCase,
      recordDocuments,
      notifyCaseworker,
      sendQuery,
      sendTriageReply,
      holdForPerson,
    };

    this.workflow = new IntakeWorkflow(this, 'IntakeWorkflow', {
      steps,
      logGroup: intakeWorkflowLogGroup,
    });

    // Caseworkers' decisions: the query with their own text, or the invitation; then reminders.
    const decisionStep = (name: string, description: string): IntakeFunction =>
      mailingStep(name, description).addEnvironment(
        'QUERY_REMINDER_SECONDS',
        String(config.queryReminderDays * 86400),
      );
    const decisionSteps = {
      send: decisionStep('decision-send', 'DecisionWorkflow SendDecision: query or invitation'),
      checkAnswer: decisionStep('decision-check-answer', 'DecisionWorkflow CheckAnswer'),
      remind: decisionStep('decision-remind', 'DecisionWorkflow reminders'),
    };
    this.decisionWorkflow = new DecisionWorkflow(this, 'DecisionWorkflow', {
      steps: decisionSteps,
      logGroup: decisionWorkflowLogGroup,
    });

    const starter = newFunction('start-intake', {
      description: 'Starts one IntakeWorkflow per SES receipt notification',
      invokedBy: 'queue',
      memorySize: 256,
      timeout: Duration.seconds(30),
    }).bindStateMachine(this.workflow.stateMachine);

    this.receiving = new SesReceiving(this, 'SesReceiving', {
      ruleSetName: names.receiptRuleSet,
      ruleName: names.receiptRule,
      recipients: config.intakeRecipients,
      inboundBucket,
      objectKeyPrefix: INBOUND_MAIL_PREFIX,
      topicName: names.inboundMailTopic,
      encryptionKey: key,
      starter,
    });

    // After the starter, so the starter stays the first queue consumer in the template.
    const sesSendingEvents = newFunction('ses-sending-events', {
      description: 'Marks addresses undeliverable on SES bounces and complaints',
      invokedBy: 'queue',
      memorySize: 256,
      timeout: this.outbound.feedbackConsumerTimeout,
    });
    // It tells the caseworker by email, so it sends like the workflow steps do.
    canSendMail(sesSendingEvents);
    this.outbound.consumeFeedbackWith(sesSendingEvents);

    new CfnOutput(this, 'DecisionStateMachineArn', {
      value: this.decisionWorkflow.stateMachine.stateMachineArn,
      description: 'For `intake decide` against AWS: INTAKE_DECISION_STATE_MACHINE_ARN',
    });

    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: this.receiving.ruleSet.receiptRuleSetName,
      description:
        'Receives nothing until activated: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });

    this.alarms = new OperationalAlarms(this, 'Alarms', {
      alarmNamePrefix: names.alarmPrefix,
      topicName: names.alarmTopic,
      encryptionKey: key,
      ...(config.alertEmail === undefined ? {} : { alertEmail: config.alertEmail }),
    })
      .watchStateMachine('intake-workflow', this.workflow.stateMachine)
      .watchStateMachine('decision-workflow', this.decisionWorkflow.stateMachine)
      // A held message ends in a succeeded execution: the failed-execution alarms never see it.
      .watchMessageCount(
        'held-messages',
        new cloudwatch.Metric({
          namespace: names.prefix,
          metricName: MESSAGE_METRICS.held,
          dimensionsMap: { [SERVICE_DIMENSION]: SERVICE_NAME },
        }),
      )
      .watchDeadLetterQueue('inbound-notifications', this.receiving.notifications.deadLetterQueue)
      .watchDeadLetterQueue('mail-feedback', this.outbound.feedback.deadLetterQueue);

    // Invoked synchronously by API Gateway: the caller gets the error, no Lambda DLQ is needed.
    const caseworkerApiFunction = newFunction('caseworker-api', {
      description: 'Caseworker API: cases, triage, document reassignment, decisions',
      invokedBy: 'api',
      reservedConcurrency: config.caseworkerApiConcurrency,
      // Ends before API Gateway's 29 s integration timeout, so the function's own timeout is logged.
      timeout: Duration.seconds(25),
      // The time zone reads and echoes appointment times given without offset.
      environment: {
        INTAKE_CASEWORKER_MAILBOX: config.caseworkerMailbox,
        OFFICE_TIME_ZONE: config.officeTimeZone,
      },
    })
      .bindTable(table, 'readWrite')
      .bindStateMachine(this.decisionWorkflow.stateMachine);
    this.caseworkerApi = new CaseworkerApi(this, 'CaseworkerRestApi', {
      handler: caseworkerApiFunction,
      restApiName: `${names.prefix}-caseworker-api`,
      logRetention: config.logRetentionDays,
    });
    new CfnOutput(this, 'CaseworkerApiUrl', {
      value: this.caseworkerApi.url,
      description: 'Caseworker API base URL; requests are signed with SigV4 (service execute-api)',
    });

    this.functions = {
      'start-intake': starter,
      'parse-email': parseEmail,
      'screen-email': screenEmail,
      'match-case': matchCase,
      'record-documents': recordDocuments,
      'notify-caseworker': notifyCaseworker,
      'send-query': sendQuery,
      'send-triage-reply': sendTriageReply,
      'decision-send': decisionSteps.send,
      'decision-check-answer': decisionSteps.checkAnswer,
      'decision-remind': decisionSteps.remind,
      'hold-for-person': holdForPerson,
      'ses-sending-events': sesSendingEvents,
      'caseworker-api': caseworkerApiFunction,
    };
  }
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}
