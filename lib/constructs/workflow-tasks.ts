import { Duration, Validations } from 'aws-cdk-lib';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { nagResourceId } from '../nag-reference.ts';
import type { IntakeFunction } from './intake-function.ts';
import { JitterType, Timeout } from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Seconds a Task waits beyond its function's own timeout: Lambda stops the function first, so
 * the Task sees the function's timeout error rather than its own. Also keeps the local runner
 * (which applies 60 s to a Task without a timeout) from cutting long steps short.
 */
const TASK_TIMEOUT_MARGIN = Duration.seconds(30);

/**
 * Errors of the Lambda service itself, not of the function: the invocation never ran (or its
 * answer was lost), so running it again is safe. `TooManyRequestsException` is throttling (the
 * steps' reserved concurrency, or the account's): a burst of mail waits here instead of being held.
 */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
];

/**
 * A Task state that invokes a step function directly (`payloadResponseOnly`: the function gets
 * the state, or `payload`, and its answer is the result). The local runtime binds Task states to
 * handler files by following the function ARN back to its IntakeFunction.
 */
export function lambdaStep(
  scope: Construct,
  stateName: string,
  step: IntakeFunction,
  options: Partial<tasks.LambdaInvokeProps> = {},
): tasks.LambdaInvoke {
  const task = new tasks.LambdaInvoke(scope, stateName, {
    lambdaFunction: step.lambda,
    payloadResponseOnly: true,
    taskTimeout: Timeout.duration((step.lambda.timeout ?? Duration.seconds(3)).plus(TASK_TIMEOUT_MARGIN)),
    // Replaced by the retry below, which also covers throttling.
    retryOnServiceExceptions: false,
    ...options,
  });
  // Eleven retries over seven minutes at most (2 s doubling, capped at a minute; full jitter so a
  // burst of throttled executions does not come back at once), well inside the workflow timeout.
  task.addRetry({
    errors: LAMBDA_SERVICE_ERRORS,
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxDelay: Duration.seconds(60),
    maxAttempts: 12,
    jitterStrategy: JitterType.FULL,
  });
  return task;
}

/** The cdk-nag acknowledgements every workflow's role needs, with why they are acceptable. */
export function acknowledgeWorkflowRole(
  scope: Construct,
  stateMachine: sfn.StateMachine,
  steps: readonly IntakeFunction[],
): void {
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and CloudWatch Logs vended log delivery (logs:CreateLogDelivery and related) do not support resource-level permissions.',
  });
  for (const step of steps) {
    Validations.of(stateMachine).acknowledge({
      id: `AwsSolutions-IAM5[${nagResourceId(scope, `${step.lambda.functionArn}:*`)}]`,
      reason: `LambdaInvoke grants lambda:InvokeFunction on ${step.node.id} and its versions and aliases (":*"); it covers that one function only.`,
    });
  }
}
