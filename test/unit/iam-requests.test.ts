import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { iamRequestsFor, UnmappedCommandError } from '../../local/iam-requests.ts';

const caller = { account: '111122223333', region: 'eu-west-1' };
const pairs = (client: string, command: string, input: Record<string, unknown>): string[] =>
  iamRequestsFor(client, command, input, caller).map((r) => `${r.action} ${r.resource}`);

describe('SDK command → IAM request (local/iam-requests.ts)', () => {
  it('reads and writes of an S3 object are authorized on the object ARN', () => {
    assert.deepEqual(pairs('S3Client', 'GetObjectCommand', { Bucket: 'b', Key: 'outbox/x.eml' }), [
      's3:GetObject arn:aws:s3:::b/outbox/x.eml',
    ]);
    assert.deepEqual(pairs('S3Client', 'HeadObjectCommand', { Bucket: 'b', Key: 'k' }), [
      's3:GetObject arn:aws:s3:::b/k',
    ]);
    assert.deepEqual(pairs('S3Client', 'DeleteObjectCommand', { Bucket: 'b', Key: 'staging/1' }), [
      's3:DeleteObject arn:aws:s3:::b/staging/1',
    ]);
  });

  it('every step of a lib-storage multipart upload is s3:PutObject; aborting is its own action', () => {
    for (const command of ['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'PutObject']) {
      assert.deepEqual(pairs('S3Client', `${command}Command`, { Bucket: 'b', Key: 'staging/1' }), [
        's3:PutObject arn:aws:s3:::b/staging/1',
      ]);
    }
    assert.deepEqual(pairs('S3Client', 'AbortMultipartUploadCommand', { Bucket: 'b', Key: 'staging/1' }), [
      's3:AbortMultipartUpload arn:aws:s3:::b/staging/1',
    ]);
  });

  it('CopyObject reads the (URL-encoded) source and writes the target', () => {
    assert.deepEqual(
      pairs('S3Client', 'CopyObjectCommand', {
        Bucket: 'docs',
        Key: 'documents/abc',
        CopySource: '/docs/staging/a%20b?versionId=1',
      }),
      ['s3:GetObject arn:aws:s3:::docs/staging/a b', 's3:PutObject arn:aws:s3:::docs/documents/abc'],
    );
  });

  it('listing is s3:ListBucket on the bucket, with the prefix for conditions', () => {
    assert.deepEqual(
      iamRequestsFor('S3Client', 'ListObjectsV2Command', { Bucket: 'b', Prefix: 'outbox/' }, caller),
      [{ action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': 'outbox/' } }],
    );
  });

  it('DynamoDB calls name the table, or the index a query reads', () => {
    assert.deepEqual(pairs('DynamoDBClient', 'GetItemCommand', { TableName: 'T' }), [
      'dynamodb:GetItem arn:aws:dynamodb:eu-west-1:111122223333:table/T',
    ]);
    assert.deepEqual(pairs('DynamoDBDocumentClient', 'QueryCommand', { TableName: 'T', IndexName: 'gsi1' }), [
      'dynamodb:Query arn:aws:dynamodb:eu-west-1:111122223333:table/T/index/gsi1',
    ]);
  });

  it('lib-dynamodb commands are authorized as their base commands', () => {
    const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table/T';
    assert.deepEqual(pairs('DynamoDBDocumentClient', 'GetCommand', { TableName: 'T' }), [
      `dynamodb:GetItem ${table}`,
    ]);
    assert.deepEqual(pairs('DynamoDBDocumentClient', 'PutCommand', { TableName: 'T' }), [
      `dynamodb:PutItem ${table}`,
    ]);
    assert.deepEqual(pairs('DynamoDBDocumentClient', 'UpdateCommand', { TableName: 'T' }), [
      `dynamodb:UpdateItem ${table}`,
    ]);
    assert.deepEqual(pairs('DynamoDBDocumentClient', 'DeleteCommand', { TableName: 'T' }), [
      `dynamodb:DeleteItem ${table}`,
    ]);
    assert.deepEqual(pairs('DynamoDBDocumentClient', 'BatchGetCommand', { RequestItems: { T: {} } }), [
      `dynamodb:BatchGetItem ${table}`,
    ]);
  });

  it('TransactWriteItems is authorized item by item, each with its own action', () => {
    assert.deepEqual(
      pairs('DynamoDBDocumentClient', 'TransactWriteCommand', {
        TransactItems: [
          { Put: { TableName: 'T' } },
          { Update: { TableName: 'T' } },
          { Delete: { TableName: 'U' } },
          { ConditionCheck: { TableName: 'T' } },
        ],
      }),
      [
        'dynamodb:PutItem arn:aws:dynamodb:eu-west-1:111122223333:table/T',
        'dynamodb:UpdateItem arn:aws:dynamodb:eu-west-1:111122223333:table/T',
        'dynamodb:DeleteItem arn:aws:dynamodb:eu-west-1:111122223333:table/U',
        'dynamodb:ConditionCheckItem arn:aws:dynamodb:eu-west-1:111122223333:table/T',
      ],
    );
  });

  it('SES v2 SendEmail is ses:SendEmail on the sender’s domain identity and on the configuration set', () => {
    const requests = iamRequestsFor(
      'SESv2Client',
      'SendEmailCommand',
      { FromEmailAddress: 'Amt <intake@Example.org>', ConfigurationSetName: 'cs', Content: { Raw: {} } },
      caller,
    );
    assert.deepEqual(
      requests.map((r) => `${r.action} ${r.resource}`),
      [
        'ses:SendEmail arn:aws:ses:eu-west-1:111122223333:identity/example.org',
        'ses:SendEmail arn:aws:ses:eu-west-1:111122223333:configuration-set/cs',
      ],
    );
    assert.equal(requests[0]!.context['ses:FromAddress'], 'Amt <intake@Example.org>');
  });

  it('Step Functions and Secrets Manager calls name the state machine and the secret', () => {
    const machine = 'arn:aws:states:eu-west-1:111122223333:stateMachine:M';
    assert.deepEqual(pairs('SFNClient', 'StartExecutionCommand', { stateMachineArn: machine, name: 'x' }), [
      `states:StartExecution ${machine}`,
    ]);
    assert.deepEqual(pairs('SecretsManagerClient', 'GetSecretValueCommand', { SecretId: 'reply' }), [
      'secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:111122223333:secret:reply',
    ]);
  });

  it('refuses a command it cannot map rather than let it through', () => {
    assert.throws(
      () => iamRequestsFor('S3Client', 'PutBucketPolicyCommand', { Bucket: 'b' }, caller),
      UnmappedCommandError,
    );
    assert.throws(
      () => iamRequestsFor('LambdaClient', 'InvokeCommand', {}, caller),
      /LambdaClient InvokeCommand/,
    );
  });
});
