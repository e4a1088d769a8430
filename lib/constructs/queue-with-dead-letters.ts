import { Duration, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueueWithDeadLettersProps {
  /** Key encrypting both queues (the messages carry email addresses). */
  readonly encryptionKey: kms.IKey;
  /**
   * How long a received message stays invisible; at least six times the consumer's timeout, so a
   * retried batch is not delivered twice while still running.
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/**
 * An encrypted, TLS-only SQS queue with an encrypted dead-letter queue. Messages that keep failing
 * wait in the DLQ for 14 days (the SQS maximum), where an alarm makes a person look at them.
 */
export class QueueWithDeadLetters extends Construct {
  /** The working queue. */
  readonly queue: sqs.Queue;
  /** Where messages go after `maxReceiveCount` failed receives. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: QueueWithDeadLettersProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This is the dead-letter queue: its messages wait for a person (an alarm fires on the first one).',
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout ?? Duration.seconds(30),
      // As long as SQS allows: if the consumer is broken for days, notifications still wait.
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
  }
}
