import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { loadStageConfig } from '../../lib/config.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

const config = loadStageConfig('dev');
const { stateless, statelessTemplate: template } = synthesize({ config, validateTemplates: false });
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const logicalIdOf = (name: string): string =>
  stateless.getLogicalId(stateless.functions[name]!.lambda.node.defaultChild as never);
const environmentOf = (name: string): Record<string, unknown> =>
  (functions[logicalIdOf(name)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const statementsOf = (name: string): { Action: string | string[]; Resource: unknown }[] => {
  const roleId = stateless.getLogicalId(stateless.functions[name]!.role.node.defaultChild as never);
  const [policy] = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  assert.ok(policy, `${name} has a policy`);
  return (
    policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
  ).Statement;
};
const allowedActionsOf = (name: string): string[] => statementsOf(name).flatMap((s) => [s.Action].flat());

describe('StatelessStack functions', () => {
  it('has one function per handler file', () => {
    const handlers = readdirSync(join(import.meta.dirname, '..', '..', 'functions', 'handlers'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(Object.keys(stateless.functions).sort(), handlers);
    assert.equal(Object.keys(functions).length, handlers.length, 'no CDK helper functions besides them');
  });

  it('runs every function on Node.js 24, arm64 (but RecognizeDocuments), with active tracing and its own log group', () => {
    const recognizer = logicalIdOf('recognize-documents');
    for (const [id, fn] of Object.entries(functions)) {
      assert.equal(fn.Properties.Runtime, 'nodejs24.x', id);
      assert.deepEqual(fn.Properties.Architectures, [id === recognizer ? 'x86_64' : 'arm64'], id);
      assert.deepEqual(fn.Properties.TracingConfig, { Mode: 'Active' }, id);
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup;
      assert.match(logGroup.Ref, /LogGroup/, id);
    }
    // One per function and one for each API's access log (caseworker API, console); the
    // workflows' are in the stateful stack.
    template.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: config.logRetentionDays },
      Object.keys(functions).length + 2,
    );
  });

  it('points every function at its handler file, without source maps (see intakeBundling)', () => {
    for (const [name, fn] of Object.entries(stateless.functions)) {
      assert.match(fn.entry, new RegExp(`/functions/handlers/${name}\\.ts$`));
      assert.equal(environmentOf(name).NODE_OPTIONS, undefined);
      assert.equal(environmentOf(name).POWERTOOLS_SERVICE_NAME, 'email-intake');
    }
  });

  it('gives every workflow step the mail domain and the intake recipients (the office’s own addresses)', () => {
    const notWorkflowSteps = ['start-intake', 'ses-sending-events', 'caseworker-api', 'console'];
    for (const name of Object.keys(stateless.functions).filter((n) => !notWorkflowSteps.includes(n))) {
      assert.equal(environmentOf(name).INTAKE_MAIL_DOMAIN, config.mailDomain, name);
      assert.equal(environmentOf(name).INTAKE_RECIPIENTS, config.intakeRecipients.join(','), name);
    }
  });

  it('gives ParseEmail 1024 MB, five minutes, raw mail to read, its parse record to write and the document bucket to write', () => {
    const parse = functions[logicalIdOf('parse-email')]!.Properties;
    assert.equal(parse.MemorySize, 1024);
    assert.equal(parse.Timeout, 300);
    assert.deepEqual(environmentOf('parse-email').INBOUND_BUCKET, {
      'Fn::ImportValue': 'email-intake-dev-inbound-bucket-name',
    });
    assert.deepEqual(environmentOf('parse-email').DOCUMENT_BUCKET, {
      'Fn::ImportValue': 'email-intake-dev-document-bucket-name',
    });
    const statements = statementsOf('parse-email');
    const onObjectsOf = (bucket: string, pattern: string) =>
      statements.find((s) =>
        JSON.stringify(s.Resource).includes(`email-intake-dev-${bucket}-bucket-name"},"/${pattern}"`),
      );
    assert.deepEqual([onObjectsOf('inbound', 'inbound/*')?.Action].flat(), ['s3:GetObject']);
    assert.deepEqual([onObjectsOf('inbound', 'parsed/*')?.Action].flat(), ['s3:PutObject']);
    assert.equal(onObjectsOf('inbound', '*'), undefined, 'not every object of the inbound bucket');
    // It stages files only; FileAttachments files them once screened.
    assert.equal(onObjectsOf('document', 'documents/*'), undefined);
    assert.equal(onObjectsOf('document', 'quarantine/*'), undefined);
  });

  it('lets ParseEmail delete (and abort uploads of) staged files only', () => {
    const deletes = statementsOf('parse-email').filter((s) =>
      [s.Action].flat().some((a) => a === 's3:DeleteObject' || a === 's3:AbortMultipartUpload'),
    );
    assert.equal(deletes.length, 1);
    assert.match(JSON.stringify(deletes[0]!.Resource), /document-bucket-name"\},"\/staging\/\*"/);
    assert.deepEqual([deletes[0]!.Action].flat().sort(), [
      's3:AbortMultipartUpload',
      's3:DeleteObject',
      's3:PutObject',
    ]);
    assert.ok(!allowedActionsOf('parse-email').includes('s3:GetObjectTagging'));
  });

  it('lets the mailers write their own copies to outbox/ and nothing else in the document bucket', () => {
    const mailers = [
      'notify-caseworker',
      'send-caseworker-notification',
      'send-query',
      'send-triage-reply',
      'decision-send',
      'decision-remind',
      'ses-sending-events',
    ];
    for (const name of mailers) {
      const s3 = statementsOf(name).filter(
        (s) =>
          [s.Action].flat().some((a) => a.startsWith('s3:')) &&
          JSON.stringify(s.Resource).includes('document-bucket'),
      );
      assert.deepEqual(
        s3.map((s) => [[s.Action].flat(), s.Resource]),
        [
          [
            ['s3:PutObject'],
            {
              'Fn::Join': [
                '',
                [
                  'arn:aws:s3:::',
                  { 'Fn::ImportValue': 'email-intake-dev-document-bucket-name' },
                  '/outbox/*',
                ],
              ],
            },
          ],
        ],
        name,
      );
      assert.ok(allowedActionsOf(name).includes('ses:SendEmail'), name);
    }
  });

  it('lets DecisionCheckAnswer only query the table: no mail, no writes, no objects', () => {
    const actions = allowedActionsOf('decision-check-answer').filter(
      (a) => !a.startsWith('logs:') && !a.startsWith('xray:') && !a.startsWith('kms:'),
    );
    assert.deepEqual(actions, ['dynamodb:Query']);
    assert.equal(environmentOf('decision-check-answer').SES_CONFIGURATION_SET, undefined);
    assert.equal(environmentOf('decision-check-answer').DOCUMENT_BUCKET, undefined);
  });

  it('grants no action no code calls: SES v1 raw sends, batch writes, condition checks, secret metadata', () => {
    for (const name of Object.keys(stateless.functions)) {
      for (const unused of [
        'ses:SendRawEmail',
        'dynamodb:ConditionCheckItem',
        'secretsmanager:DescribeSecret',
      ]) {
        assert.ok(!allowedActionsOf(name).includes(unused), `${name} is granted ${unused}`);
      }
      // Only erasure (the caseworker API) deletes a case's records in batches.
      if (name !== 'caseworker-api')
        assert.ok(!allowedActionsOf(name).includes('dynamodb:BatchWriteItem'), `${name} batch-writes`);
    }
  });

  it('binds the table (TABLE_NAME and item access, no index wildcard) to the functions that need it', () => {
    for (const name of [
      'screen-email',
      'match-case',
      'record-documents',
      'notify-caseworker',
      'hold-for-person',
      'release-from-hold',
    ]) {
      assert.deepEqual(
        environmentOf(name).TABLE_NAME,
        { 'Fn::ImportValue': 'email-intake-dev-table-name' },
        name,
      );
      // ReleaseFromHold only finds and deletes the held entry.
      const writes = name === 'release-from-hold' ? 'dynamodb:DeleteItem' : 'dynamodb:PutItem';
      assert.ok(allowedActionsOf(name).includes(writes), name);
      assert.ok(!JSON.stringify(statementsOf(name)).includes('/index/*'), name);
    }
    for (const name of ['start-intake', 'parse-email']) {
      assert.equal(environmentOf(name).TABLE_NAME, undefined, name);
      assert.ok(!allowedActionsOf(name).some((a) => a.startsWith('dynamodb:')), name);
    }
  });

  it('gives RecordDocuments no access to stored files (it records keys ParseEmail wrote), only to parse records', () => {
    const s3 = statementsOf('record-documents').filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('s3:')),
    );
    const granted = JSON.stringify(s3);
    assert.ok(!granted.includes('document-bucket'), 'nothing in the document bucket');
    assert.deepEqual(s3.flatMap((s) => [s.Action].flat()).sort(), ['s3:GetObject', 's3:ListBucket']);
    assert.ok(granted.includes('/parsed/*'), 'reads parse records only');
    assert.equal(environmentOf('record-documents').DOCUMENT_BUCKET, undefined);
  });

  it('gives RecognizeDocuments its own memory and timeout, documents/ to read and nothing else of the bucket', () => {
    const properties = functions[logicalIdOf('recognize-documents')]!.Properties;
    assert.equal(properties.MemorySize, 2048);
    assert.equal(properties.Timeout, 180);
    // @napi-rs/canvas is installed as a native x86_64 binary beside the bundle.
    assert.deepEqual(properties.Architectures, ['x86_64']);
    const env = environmentOf('recognize-documents');
    assert.deepEqual(Object.keys(env).sort(), [
      'DOCUMENT_BUCKET',
      'INTAKE_MAIL_DOMAIN',
      'INTAKE_RECIPIENTS',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_METRICS_DISABLED',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'TABLE_NAME',
    ]);
    const s3Actions = allowedActionsOf('recognize-documents').filter((a) => a.startsWith('s3:'));
    assert.deepEqual(s3Actions.sort(), ['s3:GetObject', 's3:ListBucket']);
    const read = statementsOf('recognize-documents').find((s) => [s.Action].flat().includes('s3:GetObject'));
    assert.match(JSON.stringify(read?.Resource), /\/documents\/\*/);
    assert.doesNotMatch(JSON.stringify(read?.Resource), /quarantine|staging/);
    assert.deepEqual(
      allowedActionsOf('recognize-documents')
        .filter((a) => a.startsWith('dynamodb:'))
        .sort(),
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    );
  });

  it('lets ScanAttachments read scan tags under staging/ only, and only FileAttachments write them, never under staging/', () => {
    const tagStatements = (name: string) =>
      statementsOf(name)
        .filter((s) => [s.Action].flat().some((a) => a.endsWith('ObjectTagging')))
        .map((s) => [
          [s.Action].flat().sort(),
          [...JSON.stringify(s.Resource).matchAll(/\/(\w+)\/\*/g)].map((m) => m[1]),
        ]);

    assert.deepEqual(tagStatements('scan-attachments'), [[['s3:GetObjectTagging'], ['staging']]]);
    assert.ok(!allowedActionsOf('scan-attachments').includes('s3:GetObject'), 'reads tags, not files');
    assert.deepEqual(tagStatements('file-attachments'), [
      [['s3:DeleteObject', 's3:GetObject', 's3:GetObjectTagging'], ['staging']],
      [
        ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject', 's3:PutObjectTagging'],
        ['documents', 'quarantine'],
      ],
    ]);
    for (const name of Object.keys(stateless.functions).filter((n) => n !== 'file-attachments')) {
      assert.ok(!allowedActionsOf(name).includes('s3:PutObjectTagging'), name);
    }
  });

  it('lets NotifyCaseworker send through the identity and configuration set only', () => {
    const env = environmentOf('notify-caseworker');
    const [configurationSetId] = Object.keys(resourcesOf(template, 'AWS::SES::ConfigurationSet'));
    assert.deepEqual(env.SES_CONFIGURATION_SET, { Ref: configurationSetId });
    assert.equal(env.INTAKE_FROM_ADDRESS, config.senderAddress);
    const send = statementsOf('notify-caseworker').find((s) => [s.Action].flat().includes('ses:SendEmail'));
    assert.ok(send);
    const resources = JSON.stringify(send.Resource);
    assert.match(resources, /:configuration-set\//);
    assert.match(resources, /:identity\//);
    assert.ok(!resources.includes('"*"'));
  });

  it('gives the starter STATE_MACHINE_ARN and states:StartExecution on that state machine only', () => {
    const [stateMachineId] = Object.keys(resourcesOf(template, 'AWS::StepFunctions::StateMachine'));
    assert.deepEqual(environmentOf('start-intake').STATE_MACHINE_ARN, { Ref: stateMachineId });
    const start = statementsOf('start-intake').find((s) =>
      [s.Action].flat().includes('states:StartExecution'),
    );
    assert.deepEqual(start?.Resource, { Ref: stateMachineId });
  });

  it('reserves concurrency for the caseworker API and caps each intake workflow step', () => {
    const reserved = (name: string): unknown =>
      functions[logicalIdOf(name)]!.Properties.ReservedConcurrentExecutions;
    assert.ok(config.caseworkerApiConcurrency > 0 && config.intakeStepConcurrency > 0);
    assert.equal(reserved('caseworker-api'), config.caseworkerApiConcurrency);
    for (const name of [
      'parse-email',
      'screen-email',
      'match-case',
      'record-documents',
      'notify-caseworker',
      'send-caseworker-notification',
      'send-query',
      'send-triage-reply',
      'hold-for-person',
      'release-from-hold',
    ]) {
      assert.equal(reserved(name), config.intakeStepConcurrency, name);
    }
    // Queue consumers are capped by their event source mapping, not by reserved concurrency:
    // a throttled SQS batch counts as a failed receive and would end in the dead-letter queue.
    assert.equal(reserved('start-intake'), undefined);
    assert.equal(reserved('ses-sending-events'), undefined);
  });

  it('lets the caseworker API start the IntakeWorkflow (retries of held messages) and the DecisionWorkflow, nothing else', () => {
    const [intakeId, decisionId] = Object.keys(resourcesOf(template, 'AWS::StepFunctions::StateMachine'));
    assert.deepEqual(environmentOf('caseworker-api').INTAKE_STATE_MACHINE_ARN, { Ref: intakeId });
    assert.deepEqual(environmentOf('caseworker-api').STATE_MACHINE_ARN, { Ref: decisionId });
    const started = statementsOf('caseworker-api')
      .filter((s) => [s.Action].flat().includes('states:StartExecution'))
      .flatMap((s) => [s.Resource].flat())
      .map((r) => JSON.stringify(r));
    assert.deepEqual(
      started.sort(),
      [{ Ref: decisionId }, { Ref: intakeId }].map((r) => JSON.stringify(r)).sort(),
    );
  });

  it('never uses the AWSLambdaBasicExecutionRole managed policy', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
      assert.equal(role.Properties.ManagedPolicyArns, undefined);
    }
  });
});

describe('StatelessStack can be deleted and deployed again', () => {
  it('names none of its log groups, so a kept one never blocks creating it again', () => {
    // Kept log groups outlive the stack; a named one would make the next deploy fail with
    // "already exists".
    for (const [id, logGroup] of Object.entries(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
      assert.equal(logGroup.Properties.LogGroupName, undefined, id);
    }
  });

  it('has no secret of its own: mailers read the stateful stack’s reply-address secret', () => {
    // Deleting the secret with this stack would stop every reply address in circulation verifying.
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    for (const name of ['notify-caseworker', 'send-query', 'send-triage-reply', 'decision-send']) {
      assert.deepEqual(
        environmentOf(name).REPLY_ADDRESS_SECRET_ARN,
        { 'Fn::ImportValue': 'email-intake-dev-reply-address-secret-arn' },
        name,
      );
    }
  });

  it('logs the workflows to the stateful stack’s log groups', () => {
    for (const machine of Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine'))) {
      const destinations = JSON.stringify(machine.Properties.LoggingConfiguration);
      assert.match(destinations, /email-intake-dev-(intake|decision)-workflow-log-group-arn/);
    }
  });
});

describe('StatelessStack workflows', () => {
  const taskStates = (definitionString: unknown): [string, Record<string, unknown>][] => {
    const text = (definitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : 'intrinsic'))
      .join('');
    const states = (JSON.parse(text) as { States: Record<string, Record<string, unknown>> }).States;
    return Object.entries(states).filter(([, state]) => state.Type === 'Task');
  };

  it('retries every Lambda task on throttling and Lambda service errors, with backoff', () => {
    const machines = Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine'));
    assert.equal(machines.length, 2);
    for (const machine of machines) {
      const tasks = taskStates(machine.Properties.DefinitionString);
      assert.ok(tasks.length >= 3);
      for (const [name, state] of tasks) {
        const retries = (state.Retry ?? []) as {
          ErrorEquals: string[];
          BackoffRate?: number;
          MaxAttempts?: number;
        }[];
        for (const error of [
          'Lambda.TooManyRequestsException',
          'Lambda.ServiceException',
          'Lambda.AWSLambdaException',
          'Lambda.SdkClientException',
        ]) {
          const retry = retries.find((r) => r.ErrorEquals.includes(error));
          assert.ok(retry, `${name} retries ${error}`);
          assert.ok((retry.BackoffRate ?? 2) > 1 && (retry.MaxAttempts ?? 3) >= 3, `${name}: ${error}`);
        }
      }
    }
  });
});

describe('StatelessStack SES receiving', () => {
  it('has a receipt rule with explicit recipients, TLS required, scanning on, enabled', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Name: 'email-intake-dev-inbound',
        Recipients: config.intakeRecipients,
        TlsPolicy: 'Require',
        ScanEnabled: true,
        Enabled: true,
      }),
    });
  });

  it('names the rule set in a stack output, for the manual activation', () => {
    template.hasOutput('ReceiptRuleSetName', {
      Value: { Ref: Match.stringLikeRegexp('^SesReceivingRuleSet') },
    });
  });

  it('stores raw mail under inbound/ with a notification topic and no client-side KMS key', () => {
    const [rule] = Object.values(resourcesOf(template, 'AWS::SES::ReceiptRule'));
    const actions = (rule!.Properties.Rule as { Actions: { S3Action?: Record<string, unknown> }[] }).Actions;
    assert.equal(actions.length, 1);
    const s3Action = actions[0]!.S3Action!;
    assert.deepEqual(s3Action.BucketName, { 'Fn::ImportValue': 'email-intake-dev-inbound-bucket-name' });
    assert.equal(s3Action.ObjectKeyPrefix, 'inbound/');
    assert.match((s3Action.TopicArn as { Ref: string }).Ref, /^SesReceivingTopic/);
    assert.ok(!('KmsKeyArn' in s3Action), 'no KmsKeyArn: the bucket encrypts with SSE-KMS');
  });

  it('creates the receipt rule only after the topic policy that lets SES publish', () => {
    // SES checks on CreateReceiptRule that it may publish to the topic; without the dependency
    // CloudFormation may create the rule first and the deploy fails.
    const [rule] = Object.values(template.findResources('AWS::SES::ReceiptRule')) as {
      DependsOn?: string[];
    }[];
    const [topicPolicyId] = Object.entries(resourcesOf(template, 'AWS::SNS::TopicPolicy'))
      .filter(([, policy]) => JSON.stringify(policy.Properties.Topics).includes('SesReceivingTopic'))
      .map(([id]) => id);
    assert.ok(topicPolicyId);
    assert.ok([rule!.DependsOn ?? []].flat().includes(topicPolicyId), JSON.stringify(rule!.DependsOn));
  });

  it('adds no statement of its own to the inbound bucket policy', () => {
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
  });

  it('publishes notifications to a KMS-encrypted topic, delivered to a queue with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'email-intake-dev-inbound-mail',
      KmsMasterKeyId: { 'Fn::ImportValue': 'email-intake-dev-key-arn' },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: { Ref: Match.stringLikeRegexp('^SesReceivingTopic') },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SesReceivingNotificationsQueue'), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::ImportValue': 'email-intake-dev-key-arn' },
      VisibilityTimeout: 180,
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^SesReceivingNotificationsDeadLetterQueue'), 'Arn'],
        },
        maxReceiveCount: 5,
      },
    });
  });

  it('encrypts every queue and topic with the customer key and refuses plain HTTP', () => {
    for (const type of ['AWS::SQS::Queue', 'AWS::SNS::Topic']) {
      for (const [id, resource] of Object.entries(resourcesOf(template, type))) {
        assert.deepEqual(
          resource.Properties.KmsMasterKeyId,
          { 'Fn::ImportValue': 'email-intake-dev-key-arn' },
          id,
        );
      }
    }
    for (const type of ['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy']) {
      for (const [id, policy] of Object.entries(resourcesOf(template, type))) {
        const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
          .Statement;
        assert.ok(
          statements.some(
            (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'),
          ),
          id,
        );
      }
    }
  });

  it('keeps a dead letter 14 days, ten days longer than its source queue keeps a message', () => {
    // SQS keeps a message's original enqueue time when it moves to the DLQ: a message that waited
    // days in the source queue has only what is left of the DLQ's retention.
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    const sources = Object.entries(queues).filter(([, queue]) => queue.Properties.RedrivePolicy);
    assert.equal(sources.length, 2);
    for (const [id, source] of sources) {
      const dlqId = (source.Properties.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': string[] } })
        .deadLetterTargetArn['Fn::GetAtt'][0]!;
      assert.equal(queues[dlqId]!.Properties.MessageRetentionPeriod, 14 * 86400, dlqId);
      assert.equal(source.Properties.MessageRetentionPeriod, 4 * 86400, id);
    }
  });

  it('feeds the starter from the queue with partial batch failures reported', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf('start-intake') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SesReceivingNotificationsQueue'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
  });
});

describe('StatelessStack outbound mail', () => {
  it('has a configuration set requiring TLS, with reputation metrics and suppression of bounces and complaints', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'email-intake-dev',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('reports bounces, complaints and rejects to an encrypted topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'reject'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^OutboundMailFeedbackTopic') } },
      }),
    });
  });

  it('has a domain identity for the mail domain', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: config.mailDomain });
  });
});

describe('StatelessStack alarms', () => {
  it('alarms on any held message within five minutes (held executions succeed, so nothing else fires)', () => {
    for (const name of Object.keys(stateless.functions)) {
      assert.equal(environmentOf(name).POWERTOOLS_METRICS_NAMESPACE, 'email-intake-dev', name);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'email-intake-dev-held-messages',
      Namespace: 'email-intake-dev',
      MetricName: 'HeldMessages',
      Dimensions: [{ Name: 'service', Value: 'email-intake' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('runs the triage digest hourly, and gives the mail steps the office’s settings from the stage config', () => {
    const rules = Object.values(resourcesOf(template, 'AWS::Events::Rule'));
    assert.equal(rules.length, 1);
    assert.equal(rules[0]!.Properties.ScheduleExpression, 'rate(1 hour)');
    assert.deepEqual((rules[0]!.Properties.Targets as { Arn: unknown }[])[0]!.Arn, {
      'Fn::GetAtt': [logicalIdOf('triage-digest'), 'Arn'],
    });
    assert.equal(
      environmentOf('notify-caseworker').CASEWORKER_COALESCE_SECONDS,
      String(config.caseworkerCoalesceMinutes * 60),
    );
    assert.deepEqual(JSON.parse(String(environmentOf('decision-send').PERMIT_FEES)), config.permitFees);
    assert.deepEqual(
      JSON.parse(String(environmentOf('send-triage-reply').OFFICE_CONTACT_OPTIONS)),
      config.officeContactOptions,
    );
    assert.equal(environmentOf('caseworker-api').NOTIFY_ON_IMPORT, 'false');
    assert.equal(environmentOf('triage-digest').INTAKE_CASEWORKER_MAILBOX, config.caseworkerMailbox);
  });

  it('alarms on failed workflow executions and on any message in a dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const deadLetterQueues = Object.entries(resourcesOf(template, 'AWS::SQS::Queue'))
      .filter(([id]) => id.includes('DeadLetterQueue'))
      .map(([id]) => id);
    // Inbound notifications, mail feedback, the triage digest's failed invocations.
    assert.equal(deadLetterQueues.length, 3);
    for (const id of deadLetterQueues) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });
});
