import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { StageConfig } from './config.ts';

/**
 * Physical names of the resources that AWS services act on behalf of (SES rule, SES configuration
 * set, SNS topics, alarms). They are fixed per stage so the stateful stack can write their ARNs
 * into the KMS key policy and bucket policy (`aws:SourceArn` conditions) without referring to the
 * stateless stack, which would be a dependency cycle.
 */
export interface ResourceNames {
  /** Prefix of every named resource: `email-intake-<stage>`. */
  readonly prefix: string;
  readonly receiptRuleSet: string;
  readonly receiptRule: string;
  readonly configurationSet: string;
  /** Topic SES publishes receipt notifications to. */
  readonly inboundMailTopic: string;
  /** Topic the configuration set publishes bounce, complaint and reject events to. */
  readonly mailFeedbackTopic: string;
  /** Topic alarms publish to when the stage has an alert email. */
  readonly alarmTopic: string;
  /** Every alarm name starts with this. */
  readonly alarmPrefix: string;
}

export function resourceNames(config: StageConfig): ResourceNames {
  const prefix = `email-intake-${config.stageName}`;
  return {
    prefix,
    receiptRuleSet: prefix,
    receiptRule: `${prefix}-inbound`,
    configurationSet: prefix,
    inboundMailTopic: `${prefix}-inbound-mail`,
    mailFeedbackTopic: `${prefix}-mail-feedback`,
    alarmTopic: `${prefix}-alarms`,
    alarmPrefix: `${prefix}-`,
  };
}

/** ARN of a receipt rule, the `aws:SourceArn` SES presents when it acts for that rule. */
export function receiptRuleArn(stack: Stack, ruleSetName: string, ruleName: string): string {
  return stack.formatArn({
    service: 'ses',
    resource: 'receipt-rule-set',
    resourceName: `${ruleSetName}:receipt-rule/${ruleName}`,
  });
}

/** ARNs of the named resources, in the partition, account and region of `stack`. */
export function resourceArns(stack: Stack, names: ResourceNames) {
  const sns = (topic: string): string => stack.formatArn({ service: 'sns', resource: topic });
  return {
    receiptRule: receiptRuleArn(stack, names.receiptRuleSet, names.receiptRule),
    configurationSet: stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: names.configurationSet,
    }),
    inboundMailTopic: sns(names.inboundMailTopic),
    mailFeedbackTopic: sns(names.mailFeedbackTopic),
    alarms: stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: `${names.alarmPrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  };
}
