import type { IAspect } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * Encrypts every log group of the scope it is applied to with the project's key: the one place
 * that sets it, so a log group added later (a function, a workflow, an access log) cannot be
 * forgotten. The key policy lets CloudWatch Logs use the key for this account's log groups only
 * (IntakeKey).
 */
export class LogGroupEncryption implements IAspect {
  readonly #key: kms.IKey;

  constructor(key: kms.IKey) {
    this.#key = key;
  }

  visit(node: IConstruct): void {
    if (node instanceof logs.CfnLogGroup && node.kmsKeyId === undefined) node.kmsKeyId = this.#key.keyArn;
  }
}
