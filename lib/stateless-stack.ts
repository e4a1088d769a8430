import { Aspects, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { resolve } from 'node:path';
import { MESSAGE_METRICS, SERVICE_DIMENSION } from '../functions/events/message-metrics.ts';
import type { StageConfig } from './config.ts';
import { CaseworkerApi } from './constructs/caseworker-api.ts';
import { CaseworkerConsole } from './constructs/caseworker-console.ts';
import { IntakeFunction, type IntakeFunctionProps, type TableAction } from './constructs/intake-function.ts';
import { LogGroupEncryption } from './constructs/log-group-encryption.ts';
import { DecisionWorkflow } from './constructs/decision-workflow.ts';
import { IntakeWorkflow } from './constructs/intake-workflow.ts';
import { OperationalAlarms } from './constructs/operational-alarms.ts';
import { OutboundMail } from './constructs/outbound-mail.ts';
import { SesReceiving } from './constructs/ses-receiving.ts';
import { resourceNames } from './resource-names.ts';
import {
  DOCUMENTS_PREFIX,
  INBOUND_MAIL_PREFIX,
  QUARANTINE_PREFIX,
  STAGING_PREFIX,
} from './stateful-stack.ts';
import { SENT_MAIL_PREFIX } from '../functions/adapters/s3-sent-mail-archive.ts';
import { PARSED_EMAIL_PREFIX } from '../functions/adapters/s3-parsed-email-records.ts';
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
    Pick<
      IntakeFunctionProps,
      | 'invokedBy'
      | 'memorySize'
      | 'timeout'
      | 'environment'
      | 'reservedConcurrency'
      | 'deadLetterQueueKey'
      | 'nodeModules'
      | 'architecture'
    >
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
  /** The caseworker console: function, HTTP API, Cognito user pool and client. */
  readonly caseworkerConsole: CaseworkerConsole;
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
      consoleSessionSecret,
      intakeWorkflowLogGroup,
      decisionWorkflowLogGroup,
    } = referenceStatefulResources(this, props.stateful, names.prefix);
    for (const resource of Object.values(props.stateful)) this.addStackDependency(Stack.of(resource));
    // Every log group of this stack (functions, workflows, API access) is encrypted with the key.
    Aspects.of(this).add(new LogGroupEncryption(key));

    const newFunction = (name: string, options: FunctionOptions): IntakeFunction =>
      new IntakeFunction(this, pascalCase(name), {
        entry: handlerEntry(name),
        logRetention: config.logRetentionDays,
        serviceName: SERVICE_NAME,
        metricsNamespace: names.prefix,
        invokedBy: 'state-machine',
        ...options,
      });
    // Every workflow step knows the office's own addresses (the mail domain and what the receipt
    // rule accepts): nothing automatic is ever sent to them, mail in their name is no applicant's.
    const workflowStep = (
      name: string,
      description: string,
      options: Omit<FunctionOptions, 'description'> = {},
    ): IntakeFunction =>
      newFunction(name, {
        description,
        environment: {
          INTAKE_MAIL_DOMAIN: config.mailDomain,
          INTAKE_RECIPIENTS: config.intakeRecipients.join(','),
        },
        ...options,
      });
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
      // Reads the raw message; keeps what it read in a parse record beside it (not in state).
      .bindBucket('INBOUND_BUCKET', inboundBucket, {
        read: [`${INBOUND_MAIL_PREFIX}*`],
        write: [`${PARSED_EMAIL_PREFIX}*`],
      })
      // Streams each file to staging/ while hashing it; FileAttachments files it later.
      .bindBucket('DOCUMENT_BUCKET', documentBucket, {
        write: [`${STAGING_PREFIX}*`],
        delete: [`${STAGING_PREFIX}*`],
        abortUploads: [`${STAGING_PREFIX}*`],
      });
    // Reads the malware scan tags GuardDuty writes on the staged files (see stateful-stack.ts).
    const scanAttachments = intakeStep(
      'scan-attachments',
      'IntakeWorkflow ScanAttachments: malware scan results',
    ).grantObjectTags('DOCUMENT_BUCKET', documentBucket, STAGING_PREFIX, 'read');
    // Moves screened files from staging/ to documents/ or quarantine/ (a copy by content hash, then
    // the staged copy deleted), their scan tag with them.
    // The steps that need what the sender wrote (address, subject, words, file names) read it
    // from ParseEmail's record: workflow state carries only where it is.
    const readsParseRecord = (fn: IntakeFunction): IntakeFunction =>
      fn.bindBucket('INBOUND_BUCKET', inboundBucket, { read: [`${PARSED_EMAIL_PREFIX}*`] });
    const fileAttachments = readsParseRecord(
      intakeStep('file-attachments', 'IntakeWorkflow FileAttachments: file screened files'),
    )
      .bindBucket('DOCUMENT_BUCKET', documentBucket, {
        read: [`${STAGING_PREFIX}*`, `${DOCUMENTS_PREFIX}*`, `${QUARANTINE_PREFIX}*`],
        write: [`${DOCUMENTS_PREFIX}*`, `${QUARANTINE_PREFIX}*`],
        delete: [`${STAGING_PREFIX}*`],
      })
      .grantObjectTags('DOCUMENT_BUCKET', documentBucket, STAGING_PREFIX, 'read')
      .grantObjectTags('DOCUMENT_BUCKET', documentBucket, DOCUMENTS_PREFIX, 'readWrite')
      .grantObjectTags('DOCUMENT_BUCKET', documentBucket, QUARANTINE_PREFIX, 'readWrite');
    // The steps that put emails into triage stamp each entry with its expiry (DynamoDB TTL).
    const triageRetention = String(config.triageRetentionDays);
    const screenEmail = intakeStep('screen-email', 'IntakeWorkflow ScreenEmail: verdicts and loops');
    // Triage entries (loops, failed verdicts): looked up by message id, added once.
    screenEmail
      .bindTable(table, ['Query', 'PutItem'])
      .addEnvironment('TRIAGE_RETENTION_DAYS', triageRetention);
    const matchCase = readsParseRecord(
      intakeStep('match-case', 'IntakeWorkflow MatchCase: find the case or triage'),
    );
    // MatchCase verifies the signed reply addresses that replies come back to. It reads cases by
    // reference, contact and sent Message-ID, and adds a triage entry when none fits.
    matchCase
      .bindTable(table, ['GetItem', 'BatchGetItem', 'Query', 'PutItem'])
      .bindSecret('REPLY_ADDRESS_SECRET_ARN', replyAddressSecret)
      .addEnvironment('TRIAGE_RETENTION_DAYS', triageRetention);
    const recordDocuments = readsParseRecord(
      intakeStep('record-documents', 'IntakeWorkflow RecordDocuments: add to the case'),
    );
    // Records the documents ParseEmail stored (their keys and hashes): it reads no file itself,
    // only the parse record (names and words).
    recordDocuments.bindTable(table, ['GetItem', 'Query', 'PutItem', 'UpdateItem']);
    // Reads each new document (text layer, OCR for scans and photos) and places it on its checklist
    // item. Its own memory and timeout: OCR takes seconds a page, and a file it cannot finish in
    // time is left for the caseworker (the workflow goes on without it, nothing is asked for).
    const recognizeDocuments = intakeStep(
      'recognize-documents',
      'IntakeWorkflow RecognizeDocuments: place documents by their content',
      {
        // CPU scales with memory: 2048 MB is more than one vCPU for Tesseract's WebAssembly.
        memorySize: 2048,
        timeout: Duration.minutes(3),
        // tesseract.js starts a worker from its own files, the models are data files, and
        // @napi-rs/canvas is a native binary (x86_64 as installed on the build machines).
        nodeModules: ['tesseract.js', '@tesseract.js-data/deu', '@tesseract.js-data/eng', '@napi-rs/canvas'],
        architecture: lambda.Architecture.X86_64,
      },
    )
      // Reads only screened files under documents/, never quarantine/.
      .bindBucket('DOCUMENT_BUCKET', documentBucket, { read: [`${DOCUMENTS_PREFIX}*`] });
    // The case and its documents; what it read (CONTENT#) and each document's recognition.
    recognizeDocuments.bindTable(table, ['GetItem', 'Query', 'PutItem', 'UpdateItem']);
    // Every step that sends mail: the table (case, log, idempotency, rate limits), the document
    // bucket (the archived copy of each sent message), SES, the office's details, the reply secret.
    // Cases, log, rate limits and Powertools idempotency records (PutItem, UpdateItem). The
    // idempotency layer deletes its record when a send fails, so the next attempt may send.
    const mailerTable: TableAction[] = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'];
    const canSendMail = (
      fn: IntakeFunction,
      tableActions: readonly TableAction[] = mailerTable,
    ): IntakeFunction => {
      const settings = {
        INTAKE_ADDRESS: config.intakeRecipients[0] ?? config.senderAddress,
        OFFICE_NAME: config.officeName,
        SERVICE_POINT_ADDRESS: config.servicePointAddress,
        PERMIT_FEES: JSON.stringify(config.permitFees),
        OFFICE_TIME_ZONE: config.officeTimeZone,
        QUERY_PERIOD_SECONDS: String(config.queryPeriodHours * 3600),
        TRIAGE_REPLY_PERIOD_SECONDS: String(config.triageReplyPeriodHours * 3600),
      };
      for (const [name, value] of Object.entries(settings)) fn.addEnvironment(name, value);
      return (
        fn
          .bindTable(table, tableActions)
          // Only its own copy of each sent message: it neither reads nor deletes stored documents.
          .bindBucket('DOCUMENT_BUCKET', documentBucket, { write: [`${SENT_MAIL_PREFIX}*`] })
          .bindEmailSending(this.outbound.sending)
          .bindSecret('REPLY_ADDRESS_SECRET_ARN', replyAddressSecret)
      );
    };
    const mailingStep = (name: string, description: string): IntakeFunction =>
      canSendMail(workflowStep(name, description));
    const intakeMailingStep = (
      name: string,
      description: string,
      tableActions?: readonly TableAction[],
    ): IntakeFunction => canSendMail(intakeStep(name, description), tableActions);
    // Adds to (or leads) the case's pending caseworker email; sends itself only calendar answers.
    const notifyCaseworker = readsParseRecord(
      intakeMailingStep('notify-caseworker', 'IntakeWorkflow NotifyCaseworker'),
    ).addEnvironment('CASEWORKER_COALESCE_SECONDS', String(config.caseworkerCoalesceMinutes * 60));
    const sendCaseworkerNotification = intakeMailingStep(
      'send-caseworker-notification',
      'IntakeWorkflow SendCaseworkerNotification: one email for the pending submissions',
    );
    // The acknowledgement names the files as the applicant called them: from the parse record.
    const sendQuery = readsParseRecord(
      intakeMailingStep(
        'send-query',
        'IntakeWorkflow SendQuery: acknowledge the submission (the query when items are missing)',
      ),
    );
    // No case to read: only the rate limit and the idempotency record.
    const sendTriageReply = readsParseRecord(
      intakeMailingStep('send-triage-reply', 'IntakeWorkflow SendTriageReply: generic reply', [
        'PutItem',
        'UpdateItem',
        'DeleteItem',
      ]),
    ).addEnvironment('OFFICE_CONTACT_OPTIONS', JSON.stringify(config.officeContactOptions));
    const holdForPerson = intakeStep('hold-for-person', 'IntakeWorkflow HoldForPerson: triage a failure');
    // Adds (or, for a retry that failed again, replaces) the triage entry, found by message id.
    holdForPerson
      .bindTable(table, ['Query', 'PutItem'])
      .addEnvironment('TRIAGE_RETENTION_DAYS', triageRetention);
    // A retry's first step: reads the held entry by message id and deletes it.
    const releaseFromHold = intakeStep(
      'release-from-hold',
      'IntakeWorkflow ReleaseFromHold: a retry takes its message off hold',
    );
    releaseFromHold.bindTable(table, ['Query', 'DeleteItem']);
    const steps = {
      parseEmail,
      scanAttachments,
      screenEmail,
      fileAttachments,
      matchCase,
      recordDocuments,
      recognizeDocuments,
      notifyCaseworker,
      sendCaseworkerNotification,
      sendQuery,
      sendTriageReply,
      holdForPerson,
      releaseFromHold,
    };

    this.workflow = new IntakeWorkflow(this, 'IntakeWorkflow', {
      steps,
      logGroup: intakeWorkflowLogGroup,
      encryptionKey: key,
    });

    // Caseworkers' decisions: the query with their own text, or the invitation; then reminders.
    const decisionStep = (name: string, description: string): IntakeFunction =>
      mailingStep(name, description).addEnvironment(
        'QUERY_REMINDER_SECONDS',
        String(config.queryReminderDays * 86400),
      );
    const decisionSteps = {
      send: decisionStep('decision-send', 'DecisionWorkflow SendDecision: query or invitation'),
      // Only reads the case log: no mail, no writes.
      checkAnswer: workflowStep('decision-check-answer', 'DecisionWorkflow CheckAnswer').bindTable(table, [
        'Query',
      ]),
      remind: decisionStep('decision-remind', 'DecisionWorkflow reminders'),
    };
    this.decisionWorkflow = new DecisionWorkflow(this, 'DecisionWorkflow', {
      steps: decisionSteps,
      logGroup: decisionWorkflowLogGroup,
      encryptionKey: key,
    });

    const starter = newFunction('start-intake', {
      description: 'Starts one IntakeWorkflow per SES receipt notification',
      invokedBy: 'queue',
      memorySize: 256,
      timeout: Duration.seconds(30),
    }).bindStateMachine(this.workflow.stateMachine, key);

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
    // Finds the cases that sent the bounced message (an index query, then one batch read), marks
    // the address and logs it on the case.
    canSendMail(sesSendingEvents, ['Query', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);
    this.outbound.consumeFeedbackWith(sesSendingEvents);

    // The office hears of what lands in triage: an hourly schedule; the function itself sends at
    // most one digest an hour (a rate-limit slot), and none when nothing new arrived.
    const triageDigest = newFunction('triage-digest', {
      description: 'Hourly digest of what landed in triage, to the team mailbox',
      invokedBy: 'asynchronous',
      deadLetterQueueKey: key,
      memorySize: 256,
      timeout: Duration.seconds(60),
      environment: {
        INTAKE_CASEWORKER_MAILBOX: config.caseworkerMailbox,
        INTAKE_MAIL_DOMAIN: config.mailDomain,
        INTAKE_RECIPIENTS: config.intakeRecipients.join(','),
      },
    });
    // Reads the triage list, its cursor and rate-limit slot (GetItem, Query), writes them.
    canSendMail(triageDigest, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']);
    new events.Rule(this, 'TriageDigestSchedule', {
      description: 'Hourly: tell the office what landed in triage',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new eventTargets.LambdaFunction(triageDigest.lambda, {
          retryAttempts: 2,
          ...(triageDigest.deadLetterQueue === undefined
            ? {}
            : { deadLetterQueue: triageDigest.deadLetterQueue }),
        }),
      ],
    });

    new CfnOutput(this, 'DecisionStateMachineArn', {
      value: this.decisionWorkflow.stateMachine.stateMachineArn,
      description: 'For `intake decide` against AWS: INTAKE_DECISION_STATE_MACHINE_ARN',
    });

    new CfnOutput(this, 'IntakeStateMachineArn', {
      value: this.workflow.stateMachine.stateMachineArn,
      description: 'For `intake triage retry` against AWS: INTAKE_STATE_MACHINE_ARN',
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
      .watchDeadLetterQueue('mail-feedback', this.outbound.feedback.deadLetterQueue)
      .watchDeadLetterQueue('triage-digest', triageDigest.deadLetterQueue!);

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
        // Whether an import sends new applicants the checklist unless the request says.
        NOTIFY_ON_IMPORT: String(config.notifyOnImport),
      },
    })
      // Cases, contacts, triage (assigned entries are deleted) and imports; erasure deletes a
      // case's records in batches (BatchWriteItem with deletes only).
      .bindTable(table, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'])
      .bindStateMachine(this.decisionWorkflow.stateMachine, key)
      // `POST /triage/{messageId}/retry` runs the IntakeWorkflow again for a held message.
      .bindStateMachine(this.workflow.stateMachine, key, 'INTAKE_STATE_MACHINE_ARN')
      // Erasure on request (DELETE /cases/{reference}): the case's files, raw emails, sent copies.
      .grantTableScan(table)
      .bindObjectDeletion('DOCUMENT_BUCKET', documentBucket, [
        DOCUMENTS_PREFIX,
        QUARANTINE_PREFIX,
        SENT_MAIL_PREFIX,
      ])
      .bindObjectDeletion('INBOUND_BUCKET', inboundBucket, [INBOUND_MAIL_PREFIX, PARSED_EMAIL_PREFIX]);
    this.caseworkerApi = new CaseworkerApi(this, 'CaseworkerRestApi', {
      handler: caseworkerApiFunction,
      restApiName: `${names.prefix}-caseworker-api`,
      logRetention: config.logRetentionDays,
    });
    new CfnOutput(this, 'CaseworkerApiUrl', {
      value: this.caseworkerApi.url,
      description: 'Caseworker API base URL; requests are signed with SigV4 (service execute-api)',
    });

    // The caseworker console: pages over the same use cases, sign-in through Cognito.
    this.caseworkerConsole = new CaseworkerConsole(this, 'CaseworkerConsole', {
      entry: handlerEntry('console'),
      namePrefix: names.prefix,
      settings: config.console,
      production: config.production,
      functionDefaults: {
        logRetention: config.logRetentionDays,
        serviceName: SERVICE_NAME,
        metricsNamespace: names.prefix,
      },
      reservedConcurrency: config.caseworkerApiConcurrency,
      environment: {
        INTAKE_CASEWORKER_MAILBOX: config.caseworkerMailbox,
        OFFICE_NAME: config.officeName,
        SERVICE_POINT_ADDRESS: config.servicePointAddress,
        PERMIT_FEES: JSON.stringify(config.permitFees),
        OFFICE_TIME_ZONE: config.officeTimeZone,
      },
      table,
      documentBucket,
      inboundBucket,
      documentPrefixes: [DOCUMENTS_PREFIX, QUARANTINE_PREFIX, SENT_MAIL_PREFIX],
      // Raw mail, and the parse records beside it.
      inboundPrefixes: [INBOUND_MAIL_PREFIX, PARSED_EMAIL_PREFIX],
      decisionWorkflow: this.decisionWorkflow.stateMachine,
      intakeWorkflow: this.workflow.stateMachine,
      encryptionKey: key,
      sessionSecret: consoleSessionSecret,
    });
    new CfnOutput(this, 'ConsoleUrl', {
      value: this.caseworkerConsole.url,
      description: 'Caseworker console: open in the browser, sign in through Cognito',
    });

    this.functions = {
      'start-intake': starter,
      'parse-email': parseEmail,
      'scan-attachments': scanAttachments,
      'screen-email': screenEmail,
      'file-attachments': fileAttachments,
      'match-case': matchCase,
      'record-documents': recordDocuments,
      'recognize-documents': recognizeDocuments,
      'notify-caseworker': notifyCaseworker,
      'send-query': sendQuery,
      'send-caseworker-notification': sendCaseworkerNotification,
      'send-triage-reply': sendTriageReply,
      'triage-digest': triageDigest,
      'decision-send': decisionSteps.send,
      'decision-check-answer': decisionSteps.checkAnswer,
      'decision-remind': decisionSteps.remind,
      'hold-for-person': holdForPerson,
      'release-from-hold': releaseFromHold,
      'ses-sending-events': sesSendingEvents,
      'caseworker-api': caseworkerApiFunction,
      console: this.caseworkerConsole.function,
    };
  }
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}
