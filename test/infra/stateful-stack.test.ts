import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { STAGING_PREFIX as DOCUMENT_STORE_STAGING_PREFIX } from '../../functions/adapters/s3-document-store.ts';
import { loadStageConfig } from '../../lib/config.ts';
import { STAGING_PREFIX } from '../../lib/stateful-stack.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

const config = loadStageConfig('dev');
const { stateful, statefulTemplate: template } = synthesize({ config, validateTemplates: false });
const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^IntakeKey'), 'Arn'] };
const dataBuckets = Object.entries(resourcesOf(template, 'AWS::S3::Bucket')).filter(
  ([id]) => !id.startsWith('AccessLogBucket'),
);

describe('StatefulStack', () => {
  it('is deployed to eu-west-1 by default, with termination protection on', () => {
    assert.equal(stateful.region, 'eu-west-1');
    assert.equal(stateful.terminationProtection, true);
  });

  it('sets the account’s API Gateway CloudWatch role, which a stage with access logging needs', () => {
    // Without it, creating the caseworker API's stage (access logs on) fails and the first deploy
    // rolls back: "CloudWatch Logs role ARN must be set in account settings to enable logging".
    const [[roleId]] = Object.entries(resourcesOf(template, 'AWS::IAM::Role')).filter(([, role]) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('apigateway.amazonaws.com'),
    ) as [[string, unknown]];
    template.hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    assert.equal(config.manageApiGatewayLoggingRole, true);
    const withoutRole = synthesize({
      config: { ...config, manageApiGatewayLoggingRole: false },
      validateTemplates: false,
    });
    withoutRole.statefulTemplate.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('keeps the reply-address secret and the workflow log groups, which must outlive the stateless stack', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      Properties: { GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) },
      DeletionPolicy: 'Retain',
    });
    for (const workflow of ['intake', 'decision']) {
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: {
          LogGroupName: `/aws/vendedlogs/states/email-intake-dev-${workflow}-workflow`,
          RetentionInDays: config.logRetentionDays,
        },
        DeletionPolicy: 'Retain',
      });
    }
  });

  it('has one customer-managed key with rotation on, kept when the stack goes', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
    });
  });

  it('lets SES use the key only for the intake receipt rule and configuration set of this account', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': config.account },
              ArnEquals: {
                'aws:SourceArn': [
                  `arn:aws:ses:eu-west-1:${config.account}:receipt-rule-set/email-intake-dev:receipt-rule/email-intake-dev-inbound`,
                  `arn:aws:ses:eu-west-1:${config.account}:configuration-set/email-intake-dev`,
                ],
              },
            },
          }),
        ]),
      },
    });
  });

  it('has an inbound and a document bucket, both encrypted with the customer key', () => {
    assert.equal(dataBuckets.length, 2);
    for (const [id, bucket] of dataBuckets) {
      assert.deepEqual(
        bucket.Properties.BucketEncryption,
        {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [keyLogicalId(), 'Arn'] },
              },
            },
          ],
        },
        id,
      );
    }
  });

  it('blocks every kind of public access on every bucket', () => {
    for (const [id, bucket] of Object.entries(resourcesOf(template, 'AWS::S3::Bucket'))) {
      assert.deepEqual(
        bucket.Properties.PublicAccessBlockConfiguration,
        {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        id,
      );
    }
  });

  it('denies every request without TLS on every bucket', () => {
    for (const id of Object.keys(resourcesOf(template, 'AWS::S3::Bucket'))) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('versions the data buckets and keeps them when the stack goes', () => {
    const buckets = template.toJSON().Resources as Record<string, { DeletionPolicy?: string }>;
    for (const [id, bucket] of dataBuckets) {
      assert.deepEqual(bucket.Properties.VersioningConfiguration, { Status: 'Enabled' }, id);
      assert.equal(buckets[id]?.DeletionPolicy, 'Retain', id);
    }
  });

  it('expires raw mail and documents, current and old versions, after the configured days', () => {
    const retentionOf = (prefix: string) => {
      const [, bucket] = dataBuckets.find(([id]) => id.startsWith(prefix))!;
      const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      return rules.find((rule) => rule.Id === 'retention');
    };
    assert.equal(retentionOf('InboundBucket')?.ExpirationInDays, config.inboundMailRetentionDays);
    assert.equal(retentionOf('DocumentBucket')?.ExpirationInDays, config.documentRetentionDays);
    for (const prefix of ['InboundBucket', 'DocumentBucket']) {
      assert.deepEqual(retentionOf(prefix)?.NoncurrentVersionExpiration, {
        NoncurrentDays: config.noncurrentVersionRetentionDays,
      });
    }
  });

  it('expires abandoned staging files under the prefix the document store stages under', () => {
    assert.equal(STAGING_PREFIX, DOCUMENT_STORE_STAGING_PREFIX);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: STAGING_PREFIX, ExpirationInDays: 1 })]),
      },
    });
  });

  it('lets only the intake receipt rule put objects, only under inbound/', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^InboundBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowSesReceiptRulePuts',
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^InboundBucket'), 'Arn'] }, '/inbound/*'],
              ],
            },
            Condition: {
              StringEquals: { 'aws:SourceAccount': config.account },
              ArnEquals: {
                'aws:SourceArn': `arn:aws:ses:eu-west-1:${config.account}:receipt-rule-set/email-intake-dev:receipt-rule/email-intake-dev-inbound`,
              },
            },
          },
        ]),
      },
    });
  });

  it('logs access to the data buckets', () => {
    for (const [id, bucket] of dataBuckets) {
      assert.ok(bucket.Properties.LoggingConfiguration, `${id} has server access logging`);
    }
  });

  it('has one table with pk/sk, gsi1 and gsi2, TTL on expiresAt, on demand', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      AttributeDefinitions: Match.arrayWith(
        ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
      ),
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('protects the table: point-in-time recovery, customer key, deletion protection, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
        DeletionProtectionEnabled: true,
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('scans every new file under staging/ with GuardDuty Malware Protection for S3, tagging on', () => {
    template.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 1);
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: {
        S3Bucket: {
          BucketName: { Ref: Match.stringLikeRegexp('^DocumentBucket') },
          ObjectPrefixes: [STAGING_PREFIX],
        },
      },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DocumentMalwareProtectionScannerRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } }),
        ],
      },
    });
  });

  it('hands out no document without a clean scan tag and no held file with a finding, except to the scanner', () => {
    const scanner = {
      'Fn::GetAtt': [Match.stringLikeRegexp('^DocumentMalwareProtectionScannerRole'), 'Arn'],
    };
    const tag = 's3:ExistingObjectTag/GuardDutyMalwareScanStatus';
    const objects = (prefix: string) => ({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DocumentBucket'), 'Arn'] }, `/${prefix}*`]],
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyDocumentsNotScannedClean',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: objects('documents/'),
            Condition: {
              StringNotEquals: { [tag]: 'NO_THREATS_FOUND' },
              ArnNotEquals: { 'aws:PrincipalArn': scanner },
            },
          }),
          Match.objectLike({
            Sid: 'DenyHeldFilesWithFindings',
            Effect: 'Deny',
            Resource: objects('quarantine/'),
            Condition: {
              StringNotEquals: { [tag]: 'NO_THREATS_FOUND' },
              Null: { [tag]: 'false' },
              ArnNotEquals: { 'aws:PrincipalArn': scanner },
            },
          }),
        ]),
      },
    });
  });
});

function keyLogicalId(): string {
  const [id] = Object.keys(resourcesOf(template, 'AWS::KMS::Key'));
  assert.ok(id);
  return id;
}
