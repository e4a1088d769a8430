import { Aspects, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from './config.ts';
import { IntakeKey } from './constructs/intake-key.ts';
import { MalwareProtection } from './constructs/malware-protection.ts';
import { LogGroupEncryption } from './constructs/log-group-encryption.ts';
import { PrivateBucket } from './constructs/private-bucket.ts';
import { resourceArns, resourceNames } from './resource-names.ts';
import { SENT_MAIL_PREFIX } from '../functions/adapters/s3-sent-mail-archive.ts';
import { TABLE_INDEXES, TABLE_KEYS, TABLE_TTL_ATTRIBUTE } from './table-design.ts';

export interface StatefulStackProps extends StackProps {
  /** The stage being deployed. */
  readonly config: StageConfig;
}

/** Prefix under which SES stores raw MIME in the inbound bucket. */
export const INBOUND_MAIL_PREFIX = 'inbound/';
/** Prefix where the parser streams an attachment before its hash (and so its key) is known. */
export const STAGING_PREFIX = 'staging/';
/** Prefix of the files a caseworker opens (each scanned clean) and of the held ones. */
export const DOCUMENTS_PREFIX = 'documents/';
export const QUARANTINE_PREFIX = 'quarantine/';

/**
 * Everything that holds data and must outlive a deployment: the key, the buckets, the table, the
 * reply-address secret and the workflows' named log groups (so the stateless stack can be
 * deleted and deployed again). Termination protection is on and every resource is retained if
 * the stack is deleted anyway.
 */
export class StatefulStack extends Stack {
  /** Customer-managed key encrypting every bucket, the table, the topics and the queues. */
  readonly key: kms.Key;
  /** Raw MIME of received emails, written by SES under `inbound/`. */
  readonly inboundBucket: s3.Bucket;
  /** Attachments: `documents/<sha256>`, `quarantine/<sha256>`, `staging/` while streaming in. */
  readonly documentBucket: s3.Bucket;
  /** GuardDuty Malware Protection for S3 on the document bucket's staging prefix. */
  readonly malwareProtection: MalwareProtection;
  /** Server access logs of the two data buckets. */
  readonly accessLogBucket: s3.Bucket;
  /** The single intake table (see `table-design.ts`). */
  readonly table: dynamodb.Table;
  /**
   * HMAC key of the signed reply addresses (intake+REF.SIGNATURE@domain) in automatic emails.
   * Here because applicants hold those addresses for months: a new key would stop them verifying.
   */
  readonly replyAddressSecret: secretsmanager.Secret;
  /**
   * Key of the caseworker console's session cookie (the console derives its AES key from it).
   * Here with the other secret; a new value only signs every caseworker out.
   */
  readonly consoleSessionSecret: secretsmanager.Secret;
  /** Execution logs of the IntakeWorkflow. */
  readonly intakeWorkflowLogGroup: logs.LogGroup;
  /** Execution logs of the DecisionWorkflow. */
  readonly decisionWorkflowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { config } = props;
    const names = resourceNames(config);
    const arns = resourceArns(this, names);

    this.key = new IntakeKey(this, 'IntakeKey', {
      aliasName: names.prefix,
      sesSourceArns: [arns.receiptRule, arns.configurationSet],
      // Topics that deliver into encrypted queues (the alarm topic only emails).
      snsSourceArns: [arns.inboundMailTopic, arns.mailFeedbackTopic],
      ...(config.alertEmail === undefined ? {} : { cloudWatchAlarmArnPattern: arns.alarms }),
    }).key;
    // Every log group of this stack (the workflows' execution logs) is encrypted with the key.
    Aspects.of(this).add(new LogGroupEncryption(this.key));

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      // S3 server access logging can only deliver to buckets encrypted with SSE-S3, not SSE-KMS.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'retention', expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access log bucket itself; logging its own access would log the log writes.',
    });

    this.inboundBucket = new PrivateBucket(this, 'InboundBucket', {
      encryptionKey: this.key,
      retentionDays: config.inboundMailRetentionDays,
      noncurrentVersionRetentionDays: config.noncurrentVersionRetentionDays,
      accessLogBucket: this.accessLogBucket,
      accessLogPrefix: 'inbound-bucket/',
    });
    // Only our receipt rule may store mail, only under inbound/. The stateless stack's receipt rule
    // adds no statement of its own (see ses-receiving.ts), so this is the only SES grant.
    this.inboundBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesReceiptRulePuts',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.inboundBucket.arnForObjects(`${INBOUND_MAIL_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnEquals: { 'aws:SourceArn': arns.receiptRule },
        },
      }),
    );

    this.documentBucket = new PrivateBucket(this, 'DocumentBucket', {
      encryptionKey: this.key,
      retentionDays: config.documentRetentionDays,
      noncurrentVersionRetentionDays: config.noncurrentVersionRetentionDays,
      accessLogBucket: this.accessLogBucket,
      accessLogPrefix: 'document-bucket/',
      extraLifecycleRules: [
        // A staged file waits for its malware scan and the screening (minutes at most), then is
        // filed; anything left behind is from a failed execution (the raw email still holds it).
        { id: 'expire-abandoned-staging', prefix: STAGING_PREFIX, expiration: Duration.days(1) },
        // The system's copies of what it sent: their own, shorter retention.
        {
          id: 'expire-outbox-copies',
          prefix: SENT_MAIL_PREFIX,
          expiration: Duration.days(config.outboxRetentionDays),
        },
      ],
    });
    this.malwareProtection = new MalwareProtection(this, 'DocumentMalwareProtection', {
      bucket: this.documentBucket,
      encryptionKey: this.key,
      scannedPrefix: STAGING_PREFIX,
      cleanPrefix: DOCUMENTS_PREFIX,
      heldPrefix: QUARANTINE_PREFIX,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (config.manageApiGatewayLoggingRole) this.#setApiGatewayLoggingRole();

    this.replyAddressSecret = new secretsmanager.Secret(this, 'ReplyAddressSecret', {
      description: 'HMAC key of the signed reply addresses in automatic emails',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.replyAddressSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the key would invalidate the reply addresses in emails applicants still hold; it signs addresses, it protects no data. Replies also thread by Message-ID.',
    });

    this.consoleSessionSecret = new secretsmanager.Secret(this, 'ConsoleSessionSecret', {
      description: 'Key of the caseworker console session cookie (AES-256-GCM key derived from it)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.consoleSessionSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No scheduled rotation: a new key ends every caseworker session at once (in the middle of their work). It protects only cookies that expire within a working day; rotate by hand (put a new value) after a suspected leak.',
    });

    // Named under /aws/vendedlogs/: CloudWatch Logs then grants Step Functions delivery through
    // one account-level resource policy prefix instead of a statement per log group (whose policy
    // size is limited). A named log group kept on delete would block re-creating the stateless
    // stack, so they live here, kept with the data they describe.
    const workflowLogGroup = (id: string, workflow: string): logs.LogGroup =>
      new logs.LogGroup(this, id, {
        logGroupName: `/aws/vendedlogs/states/${names.prefix}-${workflow}`,
        retention: config.logRetentionDays,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.intakeWorkflowLogGroup = workflowLogGroup('IntakeWorkflowLogs', 'intake-workflow');
    this.decisionWorkflowLogGroup = workflowLogGroup('DecisionWorkflowLogs', 'decision-workflow');

    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /**
   * API Gateway writes access logs through one role per account and region, set in its account
   * settings; a stage with access logging cannot be created before it is set. It is account-wide,
   * so it lives here, with the things that outlive a redeploy, and is kept if the stack goes.
   */
  #setApiGatewayLoggingRole(): void {
    const role = new iam.Role(this, 'ApiGatewayLoggingRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway account setting: writes API access and execution logs to CloudWatch Logs',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new apigw.CfnAccount(this, 'ApiGatewayAccount', { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The AWS-managed policy made for exactly this account setting: API Gateway names the log groups of every API in the account and region itself, so no narrower resource can be written down here.',
    });
  }
}
