import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EmailSending, IntakeFunction } from './intake-function.ts';
import { QueueWithDeadLetters } from './queue-with-dead-letters.ts';

export interface OutboundMailProps {
  /** The domain mail is sent from; SES verifies it with Easy DKIM (publish the CNAMEs). */
  readonly mailDomain: string;
  /** The From address of automatic mail, at `mailDomain`. */
  readonly senderAddress: string;
  /** Name of the configuration set every message is sent through. */
  readonly configurationSetName: string;
  /** Name of the topic receiving bounce, complaint and reject events. */
  readonly feedbackTopicName: string;
  /** Key encrypting the feedback topic and queue. */
  readonly encryptionKey: kms.IKey;
  /**
   * Longest run time of the function consuming the feedback queue (see `consumeFeedbackWith`);
   * the queue hides a received message six times as long.
   * @default Duration.seconds(30)
   */
  readonly feedbackConsumerTimeout?: Duration;
}

/**
 * The sending side of SES: the verified domain identity and a configuration set that requires TLS
 * to the receiving server, tracks reputation, keeps bouncing and complaining addresses off the
 * list, and reports bounces, complaints and rejects to a topic, whose queue feeds the function
 * that marks addresses undeliverable (`consumeFeedbackWith`).
 */
export class OutboundMail extends Construct {
  /** The domain identity. */
  readonly identity: ses.EmailIdentity;
  /** The configuration set. */
  readonly configurationSet: ses.ConfigurationSet;
  /** Topic of bounce, complaint and reject events. */
  readonly feedbackTopic: sns.Topic;
  /** Queue of those events, with its dead-letter queue. */
  readonly feedback: QueueWithDeadLetters;
  /** What a sending function is bound to (see `IntakeFunction.bindEmailSending`). */
  readonly sending: EmailSending;
  /** Longest run time the feedback queue allows its consumer. */
  readonly feedbackConsumerTimeout: Duration;

  constructor(scope: Construct, id: string, props: OutboundMailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      // Never fall back to plain SMTP: the mail carries case details.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });

    this.feedbackTopic = new sns.Topic(this, 'FeedbackTopic', {
      topicName: props.feedbackTopicName,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // Adds the topic policy letting SES publish for this configuration set only.
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    this.feedbackConsumerTimeout = props.feedbackConsumerTimeout ?? Duration.seconds(30);
    this.feedback = new QueueWithDeadLetters(this, 'Feedback', {
      encryptionKey: props.encryptionKey,
      visibilityTimeout: Duration.seconds(this.feedbackConsumerTimeout.toSeconds() * 6),
    });
    this.feedbackTopic.addSubscription(
      new SqsSubscription(this.feedback.queue, {
        rawMessageDelivery: true,
        deadLetterQueue: this.feedback.deadLetterQueue,
      }),
    );

    this.sending = {
      identityArn: this.identity.emailIdentityArn,
      configurationSetName: this.configurationSet.configurationSetName,
      configurationSetArn: Stack.of(this).formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
      senderAddress: props.senderAddress,
    };
  }

  /**
   * Feeds the bounce, complaint and reject events to `consumer` (SQS event source, partial batch
   * failures reported, so one bad event is retried alone and ends in the dead-letter queue).
   */
  consumeFeedbackWith(consumer: IntakeFunction, batchSize = 10): this {
    const timeout = consumer.lambda.timeout ?? Duration.seconds(3);
    if (timeout.toSeconds() > this.feedbackConsumerTimeout.toSeconds()) {
      throw new Error(
        `OutboundMail: the feedback consumer may run ${timeout.toSeconds()} s, the queue allows ${this.feedbackConsumerTimeout.toSeconds()} s (feedbackConsumerTimeout)`,
      );
    }
    consumer.lambda.addEventSource(
      new SqsEventSource(this.feedback.queue, { batchSize, reportBatchItemFailures: true }),
    );
    Validations.of(consumer).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event source mappings do not support on-failure destinations; the queue’s redrive policy moves a message that keeps failing to its dead-letter queue.',
    });
    return this;
  }
}
