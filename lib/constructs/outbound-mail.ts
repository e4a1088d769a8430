import { Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EmailSending } from './intake-function.ts';
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
}

/**
 * The sending side of SES: the verified domain identity and a configuration set that requires TLS
 * to the receiving server, tracks reputation, keeps bouncing and complaining addresses off the
 * list, and reports bounces, complaints and rejects to a topic. Those events land in a queue
 * until the handler that marks addresses undeliverable exists.
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
    this.feedback = new QueueWithDeadLetters(this, 'Feedback', { encryptionKey: props.encryptionKey });
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
}
