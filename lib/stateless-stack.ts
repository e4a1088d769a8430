import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import type { StageConfig } from './config.ts';
import { IntakeFunction, type IntakeFunctionProps } from './constructs/intake-function.ts';
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
  Partial<Pick<IntakeFunctionProps, 'invokedBy' | 'memorySize' | 'timeout' | 'environment'>>;

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
  /** SES receiving: rule set, rule, notification topic and queue. */
  readonly receiving: SesReceiving;
  /** SES sending: identity, configuration set, feedback topic and queue. */
  readonly outbound: OutboundMail;
  /** Alarms on failed executions and dead letters. */
  readonly alarms: OperationalAlarms;
  /** Every function, by handler file name. */
  readonly functions: Readonly<Record<string, IntakeFunction>>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = resourceNames(config);
    const { key, inboundBucket, documentBucket, table } = referenceStatefulResources(
      this,
      props.stateful,
      names.prefix,
    );
    for (const resource of Object.values(props.stateful)) this.addStackDependency(Stack.of(resource));

    const newFunction = (name: string, options: FunctionOptions): IntakeFunction =>
      new IntakeFunction(this, pascalCase(name), {
        entry: handlerEntry(name),
        logRetention: config.logRetentionDays,
        serviceName: SERVICE_NAME,
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

    this.outbound = new OutboundMail(this, 'OutboundMail', {
      mailDomain: config.mailDomain,
      senderAddress: config.senderAddress,
      configurationSetName: names.configurationSet,
      feedbackTopicName: names.mailFeedbackTopic,
      encryptionKey: key,
    });

    // Streams up to 40 MB of MIME and every attachment through hashing and type sniffing.
    const parseEmail = workflowStep('parse-email', 'IntakeWorkflow ParseEmail: stream the email apart', {
      memorySize: 1024,
      timeout: Duration.minutes(5),
    })
      .bindBucket('INBOUND_BUCKET', inboundBucket, 'read')
      .bindBucket('DOCUMENT_BUCKET', documentBucket, 'readWrite');
    const screenEmail = workflowStep('screen-email', 'IntakeWorkflow ScreenEmail: verdicts and loops');
    screenEmail.bindTable(table, 'readWrite');
    const matchCase = workflowStep('match-case', 'IntakeWorkflow MatchCase: find the case or triage');
    matchCase.bindTable(table, 'readWrite');
    const recordDocuments = workflowStep(
      'record-documents',
      'IntakeWorkflow RecordDocuments: add to the case',
    );
    recordDocuments.bindTable(table, 'readWrite').bindBucket('DOCUMENT_BUCKET', documentBucket, 'read');
    const notifyCaseworker = workflowStep('notify-caseworker', 'IntakeWorkflow NotifyCaseworker');
    notifyCaseworker.bindTable(table, 'readWrite').bindEmailSending(this.outbound.sending);
    const holdForPerson = workflowStep('hold-for-person', 'IntakeWorkflow HoldForPerson: triage a failure');
    holdForPerson.bindTable(table, 'readWrite');
    const steps = { parseEmail, screenEmail, matchCase, recordDocuments, notifyCaseworker, holdForPerson };

    this.workflow = new IntakeWorkflow(this, 'IntakeWorkflow', {
      steps,
      logRetention: config.logRetentionDays,
      logGroupName: `/aws/vendedlogs/states/${names.prefix}-intake-workflow`,
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
      .watchDeadLetterQueue('inbound-notifications', this.receiving.notifications.deadLetterQueue)
      .watchDeadLetterQueue('mail-feedback', this.outbound.feedback.deadLetterQueue);

    this.functions = {
      'start-intake': starter,
      'parse-email': parseEmail,
      'screen-email': screenEmail,
      'match-case': matchCase,
      'record-documents': recordDocuments,
      'notify-caseworker': notifyCaseworker,
      'hold-for-person': holdForPerson,
    };
  }
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}
