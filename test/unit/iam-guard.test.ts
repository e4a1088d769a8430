import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessDeniedError, IamAuthorizer } from '../../local/iam-guard.ts';
import type { FunctionIam } from '../../local/iam-policies.ts';
import { iamRequestsFor } from '../../local/iam-requests.ts';
import { unusedGrants } from '../../local/iam-usage.ts';

/** A mailer's role as it should be: writes to outbox/ only, sends through one identity. */
const mailer: FunctionIam = {
  functionName: 'SendQueryFunction',
  principal: 'arn:aws:sts::111122223333:assumed-role/SendQueryRole/SendQueryFunction',
  account: '111122223333',
  region: 'eu-west-1',
  policies: [
    {
      name: 'SendQueryRoleDefaultPolicy',
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::docs/outbox/*' },
          {
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:Query'],
            Resource: [
              'arn:aws:dynamodb:eu-west-1:111122223333:table/T',
              'arn:aws:dynamodb:eu-west-1:111122223333:table/T/index/gsi1',
            ],
          },
          {
            Effect: 'Allow',
            Action: 'ses:SendEmail',
            Resource: [
              'arn:aws:ses:eu-west-1:111122223333:identity/example.org',
              'arn:aws:ses:eu-west-1:111122223333:configuration-set/cs',
            ],
          },
          {
            Effect: 'Deny',
            Action: 'dynamodb:Query',
            Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/T/index/gsi1',
          },
        ],
      },
    },
  ],
};

const authorizer = new IamAuthorizer(mailer);
const decide = (client: string, command: string, input: Record<string, unknown>) =>
  authorizer.firstDenied(iamRequestsFor(client, command, input, mailer));

describe('local IAM check on a small policy (local/iam-guard.ts, iam-simulate)', () => {
  it('allows what the policy grants, on the resources it names', async () => {
    assert.equal(
      await decide('S3Client', 'PutObjectCommand', { Bucket: 'docs', Key: 'outbox/1.eml' }),
      undefined,
    );
    assert.equal(await decide('DynamoDBDocumentClient', 'GetCommand', { TableName: 'T' }), undefined);
    assert.equal(
      await decide('SESv2Client', 'SendEmailCommand', {
        FromEmailAddress: 'intake@example.org',
        ConfigurationSetName: 'cs',
      }),
      undefined,
    );
  });

  it('denies the same action outside the granted prefix, and actions never granted', async () => {
    const outside = await decide('S3Client', 'PutObjectCommand', { Bucket: 'docs', Key: 'documents/abc' });
    assert.equal(outside?.request.resource, 'arn:aws:s3:::docs/documents/abc');
    assert.equal(outside?.decision, 'ImplicitlyDenied');
    const read = await decide('S3Client', 'GetObjectCommand', { Bucket: 'docs', Key: 'outbox/1.eml' });
    assert.equal(read?.request.action, 's3:GetObject');
    const write = await decide('DynamoDBDocumentClient', 'PutCommand', { TableName: 'T' });
    assert.equal(write?.request.action, 'dynamodb:PutItem');
  });

  it('denies a copy whose target is allowed but whose source is not readable', async () => {
    const denied = await decide('S3Client', 'CopyObjectCommand', {
      Bucket: 'docs',
      Key: 'outbox/copy.eml',
      CopySource: 'docs/documents/abc',
    });
    assert.equal(
      `${denied?.request.action} ${denied?.request.resource}`,
      's3:GetObject arn:aws:s3:::docs/documents/abc',
    );
  });

  it('denies sending from a domain or through a configuration set the policy does not name', async () => {
    const domain = await decide('SESv2Client', 'SendEmailCommand', {
      FromEmailAddress: 'intake@other.example',
      ConfigurationSetName: 'cs',
    });
    assert.equal(domain?.request.resource, 'arn:aws:ses:eu-west-1:111122223333:identity/other.example');
    const set = await decide('SESv2Client', 'SendEmailCommand', {
      FromEmailAddress: 'intake@example.org',
      ConfigurationSetName: 'other',
    });
    assert.equal(set?.request.resource, 'arn:aws:ses:eu-west-1:111122223333:configuration-set/other');
  });

  it('an explicit Deny wins over an Allow', async () => {
    const denied = await decide('DynamoDBDocumentClient', 'QueryCommand', {
      TableName: 'T',
      IndexName: 'gsi1',
    });
    assert.equal(denied?.decision, 'ExplicitlyDenied');
    assert.equal(await decide('DynamoDBDocumentClient', 'QueryCommand', { TableName: 'T' }), undefined);
  });

  it('refuses the way AWS does: AccessDenied (S3) or AccessDeniedException, 403, naming caller, action and resource', () => {
    const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::docs/documents/abc', context: {} };
    const s3 = accessDeniedError('S3Client', mailer, request, 'ImplicitlyDenied') as Error & {
      $metadata: { httpStatusCode: number };
      $fault: string;
    };
    assert.equal(s3.name, 'AccessDenied');
    assert.equal(s3.$metadata.httpStatusCode, 403);
    assert.equal(s3.$fault, 'client');
    assert.match(
      s3.message,
      /assumed-role\/SendQueryRole\/SendQueryFunction is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::docs\/documents\/abc because no identity-based policy allows/,
    );
    const dynamo = accessDeniedError('DynamoDBDocumentClient', mailer, request, 'ExplicitlyDenied');
    assert.equal(dynamo.name, 'AccessDeniedException');
    assert.match(dynamo.message, /with an explicit deny/);
  });
});

describe('unused grants report (local/iam-usage.ts)', () => {
  it('lists granted actions a run never used; AWS-side ones are kept with their reason', () => {
    const withLogs: FunctionIam = {
      ...mailer,
      policies: [
        ...mailer.policies,
        {
          name: 'Logs',
          document: { Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] },
        },
      ],
    };
    const [report] = unusedGrants(
      [withLogs],
      [
        { function: 'SendQueryFunction', action: 's3:PutObject' },
        { function: 'SendQueryFunction', action: 'ses:SendEmail' },
        { function: 'OtherFunction', action: 'dynamodb:Query' },
      ],
    );
    assert.deepEqual(report!.unused, ['dynamodb:GetItem', 'dynamodb:Query']);
    assert.deepEqual(
      report!.explained.map((e) => e.action),
      ['logs:PutLogEvents'],
    );
  });
});
