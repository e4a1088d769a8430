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
  /**
   * How long the working queue keeps a message that is never consumed: long enough to outlast a
   * broken consumer over a weekend, and at least 10 days shorter than the DLQ's 14.
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
}

/** The SQS maximum: how long a dead letter waits for a person. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * An encrypted, TLS-only SQS queue with an encrypted dead-letter queue. Messages that keep failing
 * wait in the DLQ for 14 days (the SQS maximum), where an alarm makes a person look at them.
 * SQS keeps a message's original enqueue time when it moves it to the DLQ, so the working queue
 * keeps messages for a shorter time: a message that waited there still has days in the DLQ.
 */
export class QueueWithDeadLetters extends Construct {
  /** The working queue. */
  readonly queue: sqs.Queue;
  /** Where messages go after `maxReceiveCount` failed receives. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: QueueWithDeadLettersProps) {
    super(scope, id);
    const retentionPeriod = props.retentionPeriod ?? Duration.days(4);
    if (DEAD_LETTER_RETENTION.toSeconds() - retentionPeriod.toSeconds() < Duration.days(10).toSeconds()) {
      throw new Error(
        `QueueWithDeadLetters ${id}: retentionPeriod must leave a dead letter at least 10 of the DLQ's 14 days`,
      );
    }
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
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
      retentionPeriod,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
  }
}
