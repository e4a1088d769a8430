import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** The stateful stack's resources that the stateless stack uses. */
export interface StatefulResources {
  readonly key: kms.IKey;
  readonly inboundBucket: s3.IBucket;
  readonly documentBucket: s3.IBucket;
  readonly table: dynamodb.ITable;
  /** HMAC key of the signed reply addresses; outlives the stateless stack. */
  readonly replyAddressSecret: secretsmanager.ISecret;
  /** Key of the caseworker console's session cookie. */
  readonly consoleSessionSecret: secretsmanager.ISecret;
  /** Execution log groups of the two workflows (named, so kept here). */
  readonly intakeWorkflowLogGroup: logs.ILogGroup;
  readonly decisionWorkflowLogGroup: logs.ILogGroup;
}

/**
 * References to the stateful resources for use in `scope` (another stack), through exports with
 * stable names (`<exportPrefix>-key-arn`, ...) instead of CDK's generated ones:
 * - a reference is a plain import, so nothing in the stateless stack can edit a stateful resource
 *   (an SNS subscription would otherwise add a key policy statement naming a stateless topic:
 *   a dependency cycle). Services get their key and bucket policy statements in the stateful
 *   stack, by resource name.
 * - the names are readable in the console and in cdk-nag finding ids, so acknowledgements can
 *   name exactly the ARN they cover.
 * The caller makes its stack depend on the stateful stack.
 */
export function referenceStatefulResources(
  scope: Construct,
  resources: StatefulResources,
  exportPrefix: string,
): StatefulResources {
  const exported = (resource: Construct, value: string, name: string): string =>
    Stack.of(resource).exportValue(value, { name: `${exportPrefix}-${name}` });

  const key = kms.Key.fromKeyArn(scope, 'Key', exported(resources.key, resources.key.keyArn, 'key-arn'));
  const bucket = (id: string, source: s3.IBucket, name: string): s3.IBucket =>
    s3.Bucket.fromBucketAttributes(scope, id, {
      bucketName: exported(source, source.bucketName, name),
      encryptionKey: key,
    });
  const logGroup = (id: string, source: logs.ILogGroup, workflow: string): logs.ILogGroup =>
    logs.LogGroup.fromLogGroupArn(
      scope,
      id,
      exported(source, source.logGroupArn, `${workflow}-log-group-arn`),
    );
  return {
    key,
    inboundBucket: bucket('InboundBucket', resources.inboundBucket, 'inbound-bucket-name'),
    documentBucket: bucket('DocumentBucket', resources.documentBucket, 'document-bucket-name'),
    table: dynamodb.Table.fromTableAttributes(scope, 'Table', {
      tableName: exported(resources.table, resources.table.tableName, 'table-name'),
      encryptionKey: key,
    }),
    replyAddressSecret: secretsmanager.Secret.fromSecretCompleteArn(
      scope,
      'ReplyAddressSecret',
      exported(
        resources.replyAddressSecret,
        resources.replyAddressSecret.secretArn,
        'reply-address-secret-arn',
      ),
    ),
    consoleSessionSecret: secretsmanager.Secret.fromSecretCompleteArn(
      scope,
      'ConsoleSessionSecret',
      exported(
        resources.consoleSessionSecret,
        resources.consoleSessionSecret.secretArn,
        'console-session-secret-arn',
      ),
    ),
    intakeWorkflowLogGroup: logGroup(
      'IntakeWorkflowLogs',
      resources.intakeWorkflowLogGroup,
      'intake-workflow',
    ),
    decisionWorkflowLogGroup: logGroup(
      'DecisionWorkflowLogs',
      resources.decisionWorkflowLogGroup,
      'decision-workflow',
    ),
  };
}
