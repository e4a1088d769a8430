import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface IntakeKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly aliasName: string;
  /**
   * ARNs of the SES receipt rule and configuration set allowed to use the key (SSE-KMS writes to
   * the inbound bucket, publishing to encrypted topics). Required: SES gets nothing without them.
   */
  readonly sesSourceArns: readonly string[];
  /** ARNs of the SNS topics allowed to use the key to deliver into encrypted SQS queues. */
  readonly snsSourceArns: readonly string[];
  /**
   * ARN pattern of CloudWatch alarms allowed to publish to an encrypted alarm topic.
   * @default - CloudWatch gets no use of the key
   */
  readonly cloudWatchAlarmArnPattern?: string;
}

/**
 * The project's one customer-managed key: buckets, table, topics and queues are encrypted with it.
 * Rotation is on and the key is never deleted with the stack (everything it encrypted would be
 * lost). IAM principals of this account get access through their own policies (the default key
 * policy trusts the account); AWS services get the narrow statements below, each tied to the
 * resource acting on our behalf (`aws:SourceArn`) to rule out the confused deputy.
 */
export class IntakeKey extends Construct {
  /** The key. */
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: IntakeKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Email intake: raw mail, documents, case data, notifications',
      enableKeyRotation: true,
      alias: props.aliasName,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const account = this.key.stack.account;

    // SES writes raw mail to the inbound bucket, whose default encryption is SSE-KMS with this key
    // (the receipt rule itself sets no KMS key: that would mean client-side encryption), and
    // publishes receipt and feedback notifications to topics encrypted with it.
    this.key.addToResourcePolicy(
      servicePrincipalUse('AllowSesForIntakeRuleAndConfigurationSet', 'ses.amazonaws.com', account, {
        ArnEquals: { 'aws:SourceArn': [...props.sesSourceArns] },
      }),
    );
    // SNS delivers to SQS queues encrypted with this key.
    this.key.addToResourcePolicy(
      servicePrincipalUse('AllowSnsDeliveryToEncryptedQueues', 'sns.amazonaws.com', account, {
        ArnEquals: { 'aws:SourceArn': [...props.snsSourceArns] },
      }),
    );
    const region = this.key.stack.region;
    // CloudWatch Logs encrypts this account's log groups in this region with the key (every log
    // group of the project is; see LogGroupEncryption). The encryption context names the group.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'], // in a key policy, `*` is this key
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.key.stack.partition}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );
    // Step Functions delivers execution logs of state machines encrypted with the key (vended log
    // delivery decrypts the events it forwards), for this account's state machines only.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryForThisAccountsStateMachines',
        principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:states:stateMachineArn': `arn:${this.key.stack.partition}:states:${region}:${account}:stateMachine:*`,
          },
        },
      }),
    );
    if (props.cloudWatchAlarmArnPattern !== undefined) {
      this.key.addToResourcePolicy(
        servicePrincipalUse('AllowAlarmsToPublishToEncryptedTopic', 'cloudwatch.amazonaws.com', account, {
          ArnLike: { 'aws:SourceArn': props.cloudWatchAlarmArnPattern },
        }),
      );
    }
  }
}

/**
 * What a service needs to write into an encrypted resource: a data key and, for multipart writes
 * and SNS fan-out, decrypting it again. Limited to our account and the named source resources.
 */
function servicePrincipalUse(
  sid: string,
  service: string,
  account: string,
  sourceCondition: Record<string, Record<string, string | string[]>>,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(service)],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'], // in a key policy, `*` is this key
    conditions: { StringEquals: { 'aws:SourceAccount': account }, ...sourceCondition },
  });
}
