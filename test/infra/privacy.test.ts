import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { loadStageConfig } from '../../lib/config.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

const config = loadStageConfig('dev');
const { stateless, stateful, statelessTemplate, statefulTemplate } = synthesize({
  config,
  validateTemplates: false,
});

type Statement = {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
const statementsOf = (name: string): Statement[] => {
  const roleId = stateless.getLogicalId(stateless.functions[name]!.role.node.defaultChild as never);
  return Object.values(resourcesOf(statelessTemplate, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
};
const actions = (s: Statement): string[] => [s.Action].flat();

describe('Encryption of execution history and logs with the project key', () => {
  it('encrypts both state machines with the customer-managed key', () => {
    const machines = Object.values(resourcesOf(statelessTemplate, 'AWS::StepFunctions::StateMachine'));
    assert.equal(machines.length, 2);
    for (const machine of machines) {
      const encryption = machine.Properties.EncryptionConfiguration as Record<string, unknown>;
      assert.equal(encryption.Type, 'CUSTOMER_MANAGED_KMS_KEY');
      assert.match(
        JSON.stringify(encryption.KmsKeyId),
        /key-arn/,
        'the key imported from the stateful stack',
      );
    }
  });

  it('encrypts every log group of both stacks with the key', () => {
    const groups = [
      ...Object.entries(resourcesOf(statelessTemplate, 'AWS::Logs::LogGroup')),
      ...Object.entries(resourcesOf(statefulTemplate, 'AWS::Logs::LogGroup')),
    ];
    assert.ok(groups.length >= Object.keys(stateless.functions).length + 3);
    for (const [id, group] of groups) {
      assert.match(JSON.stringify(group.Properties.KmsKeyId ?? null), /key-arn|Key/, id);
    }
  });

  it('lets CloudWatch Logs use the key for this account’s log groups only, and log delivery for its state machines', () => {
    const [key] = Object.values(resourcesOf(statefulTemplate, 'AWS::KMS::Key'));
    const statements = (key!.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
    const logs = statements.find((s) => s.Sid === 'AllowCloudWatchLogsForThisAccountsLogGroups');
    assert.ok(logs);
    assert.match(
      JSON.stringify(logs.Principal),
      /logs\.eu-central-1\.amazonaws\.com|logs\.\$\{AWS::Region\}|logs\./,
    );
    assert.match(
      JSON.stringify(logs.Condition?.ArnLike?.['kms:EncryptionContext:aws:logs:arn']),
      /:log-group:\*/,
    );
    const delivery = statements.find((s) => s.Sid === 'AllowLogDeliveryForThisAccountsStateMachines');
    assert.ok(delivery);
    assert.deepEqual(actions(delivery), ['kms:Decrypt']);
    assert.match(
      JSON.stringify(delivery.Condition?.ArnLike?.['kms:EncryptionContext:aws:states:stateMachineArn']),
      /:stateMachine:\*/,
    );
  });

  it('lets the starters use the key only for the state machines they start', () => {
    // The starter starts the IntakeWorkflow; the caseworker API decisions and retries of held mail.
    for (const [name, machines] of [
      ['start-intake', 1],
      ['caseworker-api', 2],
    ] as const) {
      const kms = statementsOf(name).filter(
        (s) => s.Condition?.StringEquals?.['kms:EncryptionContext:aws:states:stateMachineArn'] !== undefined,
      );
      assert.equal(kms.length, machines, name);
      for (const statement of kms)
        assert.deepEqual(actions(statement).sort(), ['kms:Decrypt', 'kms:GenerateDataKey']);
    }
  });
});

describe('Erasure grants of the caseworker API function', () => {
  const statements = statementsOf('caseworker-api');

  it('may delete objects under documents/, quarantine/, outbox/, inbound/ and parsed/ only, and read nothing from the buckets', () => {
    const deletes = statements.filter((s) => actions(s).includes('s3:DeleteObject'));
    assert.ok(
      deletes.every((s) => actions(s).length === 1),
      'DeleteObject alone',
    );
    const resources = JSON.stringify(deletes.map((s) => s.Resource));
    for (const prefix of ['/documents/*', '/quarantine/*', '/outbox/*', '/inbound/*', '/parsed/*']) {
      assert.ok(resources.includes(prefix), prefix);
    }
    assert.equal(deletes.flatMap((s) => [s.Resource].flat()).length, 5);
    assert.ok(!statements.some((s) => actions(s).includes('s3:GetObject')));
  });

  it('may scan the table itself, not its indexes; no other function may scan', () => {
    const scans = statements.filter((s) => actions(s).includes('dynamodb:Scan'));
    assert.equal(scans.length, 1);
    assert.equal([scans[0]!.Resource].flat().length, 1);
    for (const name of Object.keys(stateless.functions).filter((n) => n !== 'caseworker-api')) {
      assert.ok(!statementsOf(name).some((s) => actions(s).includes('dynamodb:Scan')), name);
    }
  });

  it('routes DELETE /cases/{reference} to the function with IAM authorisation', () => {
    statelessTemplate.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'DELETE',
      AuthorizationType: 'AWS_IAM',
      RequestParameters: { 'method.request.path.reference': true },
      ResourceId: Match.anyValue(),
    });
  });

  it('expires outbox copies on their own retention and stamps triage entries with theirs', () => {
    statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-outbox-copies',
            Prefix: 'outbox/',
            ExpirationInDays: config.outboxRetentionDays,
          }),
        ]),
      },
    });
    const functions = resourcesOf(statelessTemplate, 'AWS::Lambda::Function');
    for (const name of ['screen-email', 'match-case', 'hold-for-person']) {
      const id = stateless.getLogicalId(stateless.functions[name]!.lambda.node.defaultChild as never);
      const variables = (functions[id]!.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      assert.equal(variables.TRIAGE_RETENTION_DAYS, String(config.triageRetentionDays), name);
    }
  });

  it('has the stateful stack’s buckets expire raw mail and documents on the stage’s retention', () => {
    assert.ok(stateful);
    statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'retention', ExpirationInDays: config.documentRetentionDays }),
        ]),
      },
    });
  });
});
