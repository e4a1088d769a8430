import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Match } from 'aws-cdk-lib/assertions';
import { createApp } from '../../lib/app.ts';
import { loadStageConfig } from '../../lib/config.ts';
import { resourcesOf, synthesize, withTemplateValidation } from './synthesized-app.ts';

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin: findings go to the assembly's
 * validation-report.json and any error fails `app.synth()`; acknowledgements are construct
 * metadata written by `Validations.of(construct).acknowledge(...)`.
 */
// The full synth, as `cdk synth` runs it: cdk-nag and the CDK's CloudFormation validation.
const synthesized = synthesize();

/** `Plugin: RuleId[detail]` of every finding in an assembly's validation report. */
function reportedFindings(assemblyDirectory: string): string[] {
  const report = JSON.parse(readFileSync(join(assemblyDirectory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
  };
  return report.pluginReports.flatMap((p) => p.violations.map((v) => `${p.pluginName}: ${v.ruleName}`));
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    assert.deepEqual(reportedFindings(synthesized.assembly.directory), []);
  });

  it('is attached: a bucket and a function without the house defaults fail the synth', (t) => {
    t.mock.method(console, 'error', () => {}); // the CDK prints the (expected) report
    const outdir = mkdtempSync(join(tmpdir(), 'intake-nag-'));
    const { app, stateless } = createApp({ bundle: false, outdir });
    new s3.Bucket(stateless, 'UnprotectedBucket');
    new lambda.Function(stateless, 'BareFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    assert.throws(() => withTemplateValidation(false, () => app.synth()), /Validation failed/);
    const findings = reportedFindings(outdir);
    for (const expected of [
      'AwsSolutions: AwsSolutions-S1',
      'AwsSolutions: AwsSolutions-S10',
      'Serverless: Serverless-LambdaLatestVersion',
      'Serverless: Serverless-LambdaTracing',
    ]) {
      assert.ok(findings.includes(expected), `${expected} in ${findings.join(', ')}`);
    }
  });

  it('has a reason for every acknowledgement', () => {
    const acknowledgements = synthesized.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    assert.ok(acknowledgements.length > 0);
    for (const [id, reason] of acknowledgements) assert.ok(reason.length >= 40, `${id}: "${reason}"`);
  });

  it('acknowledges wildcard resources only where AWS offers nothing narrower (X-Ray, log delivery)', () => {
    // The `AwsSolutions-IAM5[Resource::*]` acknowledgements cover any `*` in those roles; this
    // keeps them honest by listing what may use `*` at all.
    const allowedOnAnyResource = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ]);
    for (const template of [synthesized.statefulTemplate, synthesized.statelessTemplate]) {
      for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
        const statements = (
          policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
        ).Statement;
        for (const statement of statements.filter((s) => [s.Resource].flat().includes('*'))) {
          for (const action of [statement.Action].flat() as string[]) {
            assert.ok(allowedOnAnyResource.has(action), `${id} allows ${action} on *`);
          }
        }
      }
    }
  });
});

describe('A stage with an alert email', () => {
  const withAlerts = synthesize({
    config: { ...loadStageConfig('dev'), alertEmail: 'ops@example.org' },
    validateTemplates: false,
  });

  it('synthesizes without unacknowledged findings', () => {
    assert.deepEqual(reportedFindings(withAlerts.assembly.directory), []);
  });

  it('emails every alarm through a topic encrypted with the customer key', () => {
    const template = withAlerts.statelessTemplate;
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'email-intake-dev-alarms',
      KmsMasterKeyId: { 'Fn::ImportValue': 'email-intake-dev-key-arn' },
    });
    for (const [id, alarm] of Object.entries(resourcesOf(template, 'AWS::CloudWatch::Alarm'))) {
      assert.equal((alarm.Properties.AlarmActions as unknown[]).length, 1, id);
    }
    withAlerts.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: Match.objectLike({
              ArnLike: {
                'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:000000000000:alarm:email-intake-dev-*',
              },
            }),
          }),
        ]),
      },
    });
  });
});

describe('A production stage, filled in', () => {
  const prod = synthesize({
    config: {
      ...loadStageConfig('dev'),
      stageName: 'prod',
      production: true,
      account: '210987654321',
      mailDomain: 'intake.stadt-musterstadt.de',
      intakeRecipients: ['unterlagen@intake.stadt-musterstadt.de'],
      senderAddress: 'unterlagen@intake.stadt-musterstadt.de',
      caseworkerMailbox: 'auslaenderbehoerde@stadt-musterstadt.de',
      alertEmail: 'it-betrieb@stadt-musterstadt.de',
    },
    validateTemplates: false,
  });

  it('synthesizes without unacknowledged findings and emails every alarm, the held-message one too', () => {
    assert.deepEqual(reportedFindings(prod.assembly.directory), []);
    const template = prod.statelessTemplate;
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'it-betrieb@stadt-musterstadt.de',
    });
    const alarms = Object.entries(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
    assert.ok(alarms.some(([, alarm]) => alarm.Properties.MetricName === 'HeldMessages'));
    for (const [id, alarm] of alarms) {
      const actions = alarm.Properties.AlarmActions as { Ref: string }[];
      assert.equal(actions.length, 1, id);
      assert.match(actions[0]!.Ref, /^AlarmsTopic/, id);
    }
  });
});
