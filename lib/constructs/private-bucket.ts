import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Key of the bucket's default encryption (SSE-KMS, with S3 bucket keys to cut KMS calls). */
  readonly encryptionKey: kms.IKey;
  /** Days after which current objects expire. */
  readonly retentionDays: number;
  /** Days after which a deleted or overwritten version is removed for good. */
  readonly noncurrentVersionRetentionDays: number;
  /** Bucket receiving this bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
  /** Prefix of this bucket's access logs in `accessLogBucket`, e.g. `inbound/`. */
  readonly accessLogPrefix: string;
  /**
   * Extra lifecycle rules, e.g. a short expiry for a scratch prefix.
   * @default - none
   */
  readonly extraLifecycleRules?: readonly s3.LifecycleRule[];
}

/**
 * A bucket for personal data: SSE-KMS with the project key, no public access of any kind, TLS 1.2+
 * only, versioned (a mistaken overwrite or delete can be undone for a short while), expiring on
 * the stage's retention, access-logged, and kept when the stack is deleted.
 */
export class PrivateBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: props.accessLogPrefix,
      lifecycleRules: [
        {
          id: 'retention',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays),
          // Parts of an upload that never completed are invisible but still stored data.
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // S3 rejects this flag in a rule with an expiration in days, hence its own rule.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
        ...(props.extraLifecycleRules ?? []),
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
