import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import {
  loadStageConfig,
  StageConfigError,
  validateStageConfig,
  type StageConfig,
} from '../../lib/config.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

const dev = loadStageConfig('dev');
const { statelessTemplate: template, stateless } = synthesize({ validateTemplates: false });

const consoleFunctionId = Object.keys(resourcesOf(template, 'AWS::Lambda::Function')).find((id) =>
  id.startsWith('CaseworkerConsoleFunction'),
);
const consoleFunction = () => resourcesOf(template, 'AWS::Lambda::Function')[consoleFunctionId ?? '']!;
const consoleStatements = (): Statement[] =>
  Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith('CaseworkerConsoleFunctionRole'))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
/** `documents/*` of `email-intake-dev-document-bucket-name` from an object ARN's Fn::Join. */
const objectPattern = (resource: unknown): string => {
  const parts = (resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const bucket = (parts[1] as { 'Fn::ImportValue': string })['Fn::ImportValue'];
  return `${bucket.replace('email-intake-dev-', '').replace('-bucket-name', '')}:${String(parts[2]).slice(1)}`;
};

describe('CaseworkerConsole (CDK)', () => {
  it('runs the console handler on Node.js 24 with exactly its settings', () => {
    // Assess
    assert.ok(consoleFunctionId, 'no console function');
    assert.equal(
      stateless.functions.console?.lambda.node.path.endsWith('CaseworkerConsole/Function/Function'),
      true,
    );
    const properties = consoleFunction().Properties as {
      Runtime: string;
      Environment: { Variables: Record<string, unknown> };
    };
    assert.equal(properties.Runtime, 'nodejs24.x');
    const variables = properties.Environment.Variables;
    assert.deepEqual(Object.keys(variables).sort(), [
      'CONSOLE_CALLBACK_URL',
      'CONSOLE_CLIENT_ID',
      'CONSOLE_HOSTED_UI_URL',
      'CONSOLE_SIGNED_OUT_URL',
      'CONSOLE_USER_POOL_ID',
      'DOCUMENT_BUCKET',
      'INBOUND_BUCKET',
      'INTAKE_CASEWORKER_MAILBOX',
      'INTAKE_STATE_MACHINE_ARN',
      'OFFICE_NAME',
      'OFFICE_TIME_ZONE',
      'PERMIT_FEES',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_METRICS_DISABLED',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'SERVICE_POINT_ADDRESS',
      'SESSION_KEY_SECRET_ARN',
      'STATE_MACHINE_ARN',
      'TABLE_NAME',
    ]);
    assert.equal(variables.OFFICE_TIME_ZONE, 'Europe/Berlin');
    assert.deepEqual(variables.SESSION_KEY_SECRET_ARN, {
      'Fn::ImportValue': 'email-intake-dev-console-session-secret-arn',
    });
    const callback = JSON.stringify(variables.CONSOLE_CALLBACK_URL);
    assert.match(callback, /CaseworkerConsoleApi[0-9A-F]+","ApiEndpoint"\]\},"\/auth\/callback"/);
  });

  it('may read only the files, held files, sent copies and raw and parsed mail; writes no object', () => {
    // Act
    const statements = consoleStatements();
    const reads = statements.filter((s) => actionsOf(s).includes('s3:GetObject'));
    const patterns = reads
      .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
      .map(objectPattern);

    // Assess
    assert.deepEqual(patterns.sort(), [
      'document:documents/*',
      'document:outbox/*',
      'document:quarantine/*',
      'inbound:inbound/*',
      'inbound:parsed/*',
    ]);
    const s3Actions = new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:')));
    assert.deepEqual([...s3Actions].sort(), ['s3:GetObject', 's3:ListBucket']);
  });

  it('uses the table item by item (no scan, no batch writes), starts both workflows and reads its session secret', () => {
    // Act
    const actions = consoleStatements().flatMap(actionsOf);
    const startStatement = consoleStatements().find((s) => actionsOf(s).includes('states:StartExecution'));

    // Assess
    assert.deepEqual(actions.filter((a) => a.startsWith('dynamodb:')).sort(), [
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    assert.deepEqual(
      (startStatement?.Resource as { Ref: string }[]).map((r) => r.Ref.replace(/[0-9A-F]{8}$/, '')).sort(),
      ['DecisionWorkflowStateMachine', 'IntakeWorkflowStateMachine'],
    );
    assert.ok(actions.includes('secretsmanager:GetSecretValue'));
    assert.ok(!actions.includes('secretsmanager:DescribeSecret'));
    assert.ok(!actions.some((a) => a.startsWith('cognito-idp:')), 'it calls no Cognito API');
  });

  it('is the default route of an HTTP API (payload 2.0), logged to an encrypted log group, throttled', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'NONE',
    });
    assert.equal(Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).length, 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [consoleFunctionId, 'Arn'] },
    });
    const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
    const logs = stage?.Properties.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': [string, string] };
      Format: string;
    };
    assert.equal(stage?.Properties.StageName, '$default');
    assert.ok(
      (stage?.Properties.DefaultRouteSettings as { ThrottlingRateLimit: number }).ThrottlingRateLimit > 0,
    );
    const logGroup = resourcesOf(template, 'AWS::Logs::LogGroup')[logs.DestinationArn['Fn::GetAtt'][0]];
    assert.ok(logGroup?.Properties.KmsKeyId, 'the access log group is encrypted');
    assert.doesNotMatch(
      logs.Format,
      /\$context\.path|querystring|\$context\.authorizer/i,
      'no paths in access logs',
    );
    template.hasOutput('ConsoleUrl', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CaseworkerConsoleApi'), 'ApiEndpoint'] },
    });
  });

  it('signs caseworkers in through a Cognito user pool nobody can sign up to, with MFA and a strong password', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: dev.console.domainPrefix });
  });

  it('the app client allows only the code flow (PKCE, no secret), openid and email, back to the console’s callback', () => {
    const [client] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    const p = client!.Properties;
    assert.deepEqual(p.AllowedOAuthFlows, ['code']);
    assert.equal(p.GenerateSecret, false);
    assert.deepEqual(p.AllowedOAuthScopes, ['openid', 'email']);
    assert.deepEqual(p.SupportedIdentityProviders, ['COGNITO']);
    assert.match(JSON.stringify(p.CallbackURLs), /"ApiEndpoint"\]\},"\/auth\/callback"\]\]\}\]$/);
    assert.match(JSON.stringify(p.LogoutURLs), /"ApiEndpoint"\]\},"\/signed-out"\]\]\}\]$/);
    assert.ok(!(p.ExplicitAuthFlows as string[]).includes('ALLOW_USER_PASSWORD_AUTH'));
  });

  it('federates the city’s identity provider from the stage config, and then only it', () => {
    // Prepare
    const config: StageConfig = {
      ...dev,
      production: false,
      console: {
        domainPrefix: 'email-intake-dev-stadt',
        identityProvider: {
          name: 'Stadt',
          issuerUrl: 'https://login.stadt.test/realms/verwaltung',
          clientId: 'email-intake',
          clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:city-idp-AbCdEf',
        },
      },
    };

    // Act
    const { statelessTemplate: federated } = synthesize({ config, validateTemplates: false });

    // Assess
    federated.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Stadt',
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({
        client_id: 'email-intake',
        oidc_issuer: 'https://login.stadt.test/realms/verwaltung',
        authorize_scopes: 'openid email',
        client_secret: Match.stringLikeRegexp(
          '^\\{\\{resolve:secretsmanager:arn:aws:secretsmanager:.*city-idp-AbCdEf:SecretString:::\\}\\}$',
        ),
      }),
    });
    federated.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: ['Stadt'],
    });
    const fn = Object.entries(resourcesOf(federated, 'AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('CaseworkerConsoleFunction'),
    )![1];
    assert.equal(
      (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .CONSOLE_IDENTITY_PROVIDER,
      'Stadt',
    );
  });
});

describe('stage config: console', () => {
  const invalid = (change: Partial<StageConfig['console']>, pattern: RegExp) =>
    assert.throws(
      () => validateStageConfig({ ...dev, console: { ...dev.console, ...change } }),
      (e: unknown) => e instanceof StageConfigError && pattern.test(e.message),
    );

  it('refuses a hosted UI prefix Cognito would refuse', () => {
    invalid({ domainPrefix: 'Intake_Dev' }, /console domainPrefix/);
    invalid({ domainPrefix: 'my-cognito-login' }, /without aws, amazon or cognito/);
  });

  it('refuses an identity provider without https issuer or a secret ARN', () => {
    const provider = {
      name: 'Stadt',
      issuerUrl: 'https://login.stadt.de',
      clientId: 'x',
      clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:idp',
    };
    invalid(
      { identityProvider: { ...provider, issuerUrl: 'http://login.stadt.de' } },
      /issuerUrl must be an https URL/,
    );
    invalid(
      { identityProvider: { ...provider, clientSecretArn: 'geheim' } },
      /clientSecretArn must be a Secrets Manager secret ARN/,
    );
    assert.doesNotThrow(() =>
      validateStageConfig({ ...dev, console: { domainPrefix: 'amt-intake', identityProvider: provider } }),
    );
  });

  it('a production stage refuses the shipped placeholder prefix', () => {
    assert.throws(
      () => loadStageConfig('prod'),
      /console\.domainPrefix "email-intake-prod-example" is a placeholder/,
    );
  });
});
