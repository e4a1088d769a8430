import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { receiptRuleArn } from '../resource-names.ts';
import type { IntakeFunction } from './intake-function.ts';
import { QueueWithDeadLetters } from './queue-with-dead-letters.ts';

export interface SesReceivingProps {
  /** Name of the receipt rule set (it must be activated by hand, see README). */
  readonly ruleSetName: string;
  /** Name of the receipt rule; the inbound bucket policy and the key policy name it. */
  readonly ruleName: string;
  /** Addresses or domains the rule accepts; nothing else is received. */
  readonly recipients: readonly string[];
  /** Where SES stores the raw MIME. Its bucket policy must already let this rule write. */
  readonly inboundBucket: s3.IBucket;
  /** Key prefix of the raw MIME in the inbound bucket, e.g. `inbound/`. */
  readonly objectKeyPrefix: string;
  /** Name of the topic SES publishes receipt notifications to. */
  readonly topicName: string;
  /** Key encrypting the topic and the queues. */
  readonly encryptionKey: kms.IKey;
  /** The function that starts the intake workflow for each notification. */
  readonly starter: IntakeFunction;
  /**
   * Notifications the starter receives per invocation; each starts one workflow.
   * @default 5
   */
  readonly batchSize?: number;
}

/**
 * SES receiving: a receipt rule (explicit recipients, TLS required, spam and virus scan on) that
 * stores each message in the inbound bucket and publishes its receipt notification (verdicts,
 * recipients, message id) to SNS → SQS → the starter function.
 */
export class SesReceiving extends Construct {
  /** The rule set. Not active until someone activates it (one active set per account and region). */
  readonly ruleSet: ses.ReceiptRuleSet;
  /** The receipt rule. */
  readonly rule: ses.ReceiptRule;
  /** Topic of the receipt notifications. */
  readonly topic: sns.Topic;
  /** Queue between the topic and the starter, with its dead-letter queue. */
  readonly notifications: QueueWithDeadLetters;

  constructor(scope: Construct, id: string, props: SesReceivingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const ruleArn = receiptRuleArn(stack, props.ruleSetName, props.ruleName);

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    const { policyDependable: topicPolicy } = this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowIntakeReceiptRuleToPublish',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': ruleArn },
        },
      }),
    );

    const starterTimeout = props.starter.lambda.timeout ?? Duration.seconds(3);
    this.notifications = new QueueWithDeadLetters(this, 'Notifications', {
      encryptionKey: props.encryptionKey,
      visibilityTimeout: Duration.seconds(starterTimeout.toSeconds() * 6),
    });
    // One DLQ for both failure modes: SNS could not deliver, or the starter kept failing.
    this.topic.addSubscription(
      new SqsSubscription(this.notifications.queue, {
        rawMessageDelivery: true,
        deadLetterQueue: this.notifications.deadLetterQueue,
      }),
    );
    const eventSource = new SqsEventSource(this.notifications.queue, {
      batchSize: props.batchSize ?? 5,
      reportBatchItemFailures: true,
    });
    props.starter.lambda.addEventSource(eventSource);
    Validations.of(props.starter).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event source mappings do not support on-failure destinations; the queue’s redrive policy moves a message that keeps failing to its dead-letter queue.',
    });

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });
    this.rule = this.ruleSet.addRule('Rule', {
      receiptRuleName: props.ruleName,
      recipients: [...props.recipients],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [new StoreRawMessage(props.inboundBucket, props.objectKeyPrefix, this.topic)],
    });
    // SES checks on CreateReceiptRule that it may publish to the topic (and write to the bucket):
    // the rule waits for the topic policy. The bucket policy is in the stateful stack, which this
    // stack depends on as a whole.
    if (topicPolicy !== undefined) this.rule.node.addDependency(topicPolicy);
  }
}

/**
 * The S3 receipt action without the side effects of `aws-ses-actions.S3`: that class adds its own
 * bucket policy statement (any rule of the account may write) to the bucket, which lives in the
 * stateful stack. The stateful stack grants exactly this rule instead. No `kmsKeyArn` either:
 * with it, SES encrypts client-side and every reader would need the S3 encryption client; the
 * bucket's default SSE-KMS encrypts with the project key.
 */
class StoreRawMessage implements ses.IReceiptRuleAction {
  readonly #bucket: s3.IBucket;
  readonly #prefix: string;
  readonly #topic: sns.ITopic;

  constructor(bucket: s3.IBucket, prefix: string, topic: sns.ITopic) {
    this.#bucket = bucket;
    this.#prefix = prefix;
    this.#topic = topic;
  }

  bind(): ses.ReceiptRuleActionConfig {
    return {
      s3Action: {
        bucketName: this.#bucket.bucketName,
        objectKeyPrefix: this.#prefix,
        topicArn: this.#topic.topicArn,
      },
    };
  }
}
