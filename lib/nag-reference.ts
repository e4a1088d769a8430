import { Stack } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag spells a resource in a finding id (`<Logical.Arn>:*`, `export-name/*`), so an
 * acknowledgement names exactly the ARN it covers. cdk-nag 3 matches finding ids exactly: a bare
 * rule id such as `AwsSolutions-IAM5` does not cover `AwsSolutions-IAM5[Resource::...]`.
 */
export function nagResourceId(scope: IConstruct, value: string): string {
  return `Resource::${flattenCfnReference(Stack.of(scope).resolve(value))}`;
}
