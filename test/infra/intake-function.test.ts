import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IntakeFunction, type IntakeFunctionProps } from '../../lib/constructs/intake-function.ts';

const entry = resolve(import.meta.dirname, '../../functions/handlers/hold-for-person.ts');

/** A bare stack (no cdk-nag, no bundling) holding one IntakeFunction. */
function functionInStack(props: Partial<IntakeFunctionProps> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { account: '000000000000', region: 'eu-west-1' } });
  const fn = new IntakeFunction(stack, 'Step', {
    entry,
    description: 'a test step',
    invokedBy: 'state-machine',
    logRetention: RetentionDays.ONE_WEEK,
    serviceName: 'email-intake',
    ...props,
  });
  return { stack, fn };
}

describe('IntakeFunction', () => {
  it('exposes the absolute entry path and the Lambda function', () => {
    const { fn } = functionInStack();
    assert.equal(fn.entry, entry);
    assert.equal(fn.lambda.runtime.name, 'nodejs24.x');
  });

  it('defaults to 512 MB and 30 s, with the log retention it is given', () => {
    const { stack } = functionInStack();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Timeout: 30 });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('takes memory and timeout from its props', () => {
    const { stack } = functionInStack({ memorySize: 1024, timeout: Duration.minutes(5) });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 300,
    });
  });

  it('writes only to its own log group', () => {
    const { stack } = functionInStack();
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StepLogGroup'), 'Arn'] },
          },
        ]),
      },
    });
  });

  it('gives an asynchronously invoked function an encrypted dead-letter queue', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Async', { env: { account: '000000000000', region: 'eu-west-1' } });
    const key = new kms.Key(stack, 'Key');
    new IntakeFunction(stack, 'Step', {
      entry,
      description: 'an async step',
      invokedBy: 'asynchronous',
      deadLetterQueueKey: key,
      logRetention: RetentionDays.ONE_WEEK,
      serviceName: 'email-intake',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StepDeadLetterQueue'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'],
            Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
          }),
        ]),
      },
    });
  });

  it('refuses an asynchronous function without a key for its dead-letter queue', () => {
    assert.throws(() => functionInStack({ invokedBy: 'asynchronous' }), /needs deadLetterQueueKey/);
  });
});
