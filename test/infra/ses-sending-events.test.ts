import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { loadStageConfig } from '../../lib/config.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

const config = loadStageConfig('dev');
const { stateless, statelessTemplate: template } = synthesize({ config, validateTemplates: false });
const consumer = stateless.functions['ses-sending-events'];
const logicalIdOf = (name: string): string =>
  stateless.getLogicalId(stateless.functions[name]!.lambda.node.defaultChild as never);

describe('StatelessStack SES sending events consumer', () => {
  it('runs the ses-sending-events handler', () => {
    assert.ok(consumer, 'a function named ses-sending-events');
    assert.match(consumer.entry, /\/functions\/handlers\/ses-sending-events\.ts$/);
  });

  it('is fed from the feedback queue with partial batch failures reported', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf('ses-sending-events') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OutboundMailFeedbackQueue'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('leaves the starter as the only consumer of receipt notifications, listed first', () => {
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'));
    const ofReceipts = mappings.filter((m) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('SesReceivingNotificationsQueue'),
    );
    assert.deepEqual(
      ofReceipts.map((m) => m.Properties.FunctionName),
      [{ Ref: logicalIdOf('start-intake') }],
    );
    // The local runtime hands receipt notifications to the consumers in template order.
    assert.deepEqual(mappings[0]?.Properties.FunctionName, { Ref: logicalIdOf('start-intake') });
  });

  it('hides a received event six times as long as the consumer may run', () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[logicalIdOf('ses-sending-events')]!;
    const [queue] = Object.entries(resourcesOf(template, 'AWS::SQS::Queue')).filter(([id]) =>
      /^OutboundMailFeedbackQueue/.test(id),
    );
    assert.ok(queue);
    assert.equal(queue[1].Properties.VisibilityTimeout, Number(fn.Properties.Timeout) * 6);
  });

  it('may read and write the table and consume the feedback queue', () => {
    const roleId = stateless.getLogicalId(consumer!.role.node.defaultChild as never);
    const [policy] = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    );
    assert.ok(policy);
    const statements = (
      policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
    ).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat());
    assert.ok(actions.includes('dynamodb:PutItem'));
    assert.ok(actions.includes('dynamodb:Query'));
    const receive = statements.find((s) => [s.Action].flat().includes('sqs:ReceiveMessage'));
    assert.match(JSON.stringify(receive?.Resource), /OutboundMailFeedbackQueue/);
    const env = (
      resourcesOf(template, 'AWS::Lambda::Function')[logicalIdOf('ses-sending-events')]!.Properties
        .Environment as { Variables: Record<string, unknown> }
    ).Variables;
    assert.deepEqual(env.TABLE_NAME, { 'Fn::ImportValue': 'email-intake-dev-table-name' });
  });
});
