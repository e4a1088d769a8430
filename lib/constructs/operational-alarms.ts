import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OperationalAlarmsProps {
  /** Prefix of every alarm name; the key policy lets alarms with this prefix publish. */
  readonly alarmNamePrefix: string;
  /**
   * Where alarm notifications are emailed.
   * @default - no notifications; the alarms are visible in CloudWatch only
   */
  readonly alertEmail?: string;
  /** Name of the alarm topic (used only with `alertEmail`). */
  readonly topicName: string;
  /** Key encrypting the alarm topic (used only with `alertEmail`). */
  readonly encryptionKey: kms.IKey;
}

/**
 * Alarms for the places where a message can end up without anyone noticing: a failed or timed-out
 * workflow execution, a message held for a person, and any message in a dead-letter queue. Each
 * fires on the first occurrence and, when the stage has an alert email, emails it.
 */
export class OperationalAlarms extends Construct {
  /** Every alarm created so far. */
  readonly alarms: cloudwatch.Alarm[] = [];
  /** The topic alarms publish to, when the stage has an alert email. */
  readonly topic?: sns.Topic;
  readonly #prefix: string;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.#prefix = props.alarmNamePrefix;
    if (props.alertEmail !== undefined) {
      this.topic = new sns.Topic(this, 'Topic', {
        topicName: props.topicName,
        masterKey: props.encryptionKey,
        enforceSSL: true,
      });
      const subscription = new EmailSubscription(props.alertEmail);
      this.topic.addSubscription(subscription);
      Validations.of(this.topic).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'Email subscription of the operators: an alarm that cannot be emailed stays in ALARM state in CloudWatch; a DLQ would need an alarm of its own.',
      });
    }
  }

  /** Alarms when an execution of the state machine fails or times out. */
  watchStateMachine(name: string, stateMachine: sfn.IStateMachine): this {
    this.#add(`${name}-failed`, stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }));
    this.#add(
      `${name}-timed-out`,
      stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
    return this;
  }

  /**
   * Alarms when a count of messages (a Sum metric such as held messages) is above zero in five
   * minutes: the first one is enough for a person to look.
   */
  watchMessageCount(name: string, metric: cloudwatch.Metric): this {
    this.#add(name, metric.with({ period: Duration.minutes(5), statistic: 'Sum' }));
    return this;
  }

  /** Alarms when the dead-letter queue holds any message. */
  watchDeadLetterQueue(name: string, queue: sqs.IQueue): this {
    this.#add(
      `${name}-dead-letters`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
    return this;
  }

  #add(name: string, metric: cloudwatch.IMetric): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: `${this.#prefix}${name}`,
      metric,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (this.topic !== undefined) alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
