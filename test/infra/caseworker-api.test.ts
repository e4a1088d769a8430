import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { CASEWORKER_API_ROUTES } from '../../functions/events/caseworker-api-requests.ts';
import { loadStageConfig } from '../../lib/config.ts';
import { resourcesOf, synthesize } from './synthesized-app.ts';

const config = loadStageConfig('dev');
const { stateless, statelessTemplate: template } = synthesize({ config, validateTemplates: false });
const api = stateless.caseworkerApi;
const methods = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method'));
const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGateway::Stage'));
const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stateless.getLogicalId(construct.node.defaultChild as never);

describe('CaseworkerApi', () => {
  it('has exactly the routes of the API contract', () => {
    const deployed = api.api.methods.map((m) => `${m.httpMethod} ${m.resource.path}`).sort();
    const contract = Object.values(CASEWORKER_API_ROUTES)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    assert.deepEqual(deployed, contract);
    assert.equal(methods.length, contract.length, 'no other methods (no OPTIONS, no ANY)');
  });

  it('requires IAM authorisation on every method; none is open', () => {
    for (const method of methods) {
      assert.equal(method.Properties.AuthorizationType, 'AWS_IAM', String(method.Properties.HttpMethod));
      assert.notEqual(method.Properties.AuthorizationType, 'NONE');
      assert.equal(method.Properties.ApiKeyRequired, undefined);
    }
  });

  it('validates path parameters and bodies on every method', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    for (const method of methods) {
      assert.ok(method.Properties.RequestValidatorId, String(method.Properties.HttpMethod));
    }
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'PUT',
      RequestParameters: {
        'method.request.path.reference': true,
        'method.request.path.sha256': true,
      },
      RequestModels: { 'application/json': Match.anyValue() },
    });
  });

  it('is a regional endpoint, not an edge-optimised one', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('writes JSON access logs with the caller and the route template to its own log group', () => {
    const setting = stage!.Properties.AccessLogSetting as { DestinationArn: unknown; Format: string };
    assert.match(JSON.stringify(setting.DestinationArn), new RegExp(logicalId(api.accessLogGroup)));
    const format = JSON.parse(setting.Format) as Record<string, string>;
    assert.equal(format.userArn, '$context.identity.userArn');
    assert.equal(format.resourcePath, '$context.resourcePath');
    // The path holds case references; the route template is enough.
    assert.ok(!Object.values(format).includes('$context.path'));
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: config.logRetentionDays,
    });
  });

  it('traces with X-Ray and throttles every method', () => {
    assert.equal(stage!.Properties.TracingEnabled, true);
    const settings = stage!.Properties.MethodSettings as Record<string, unknown>[];
    assert.ok(
      settings.some(
        (s) =>
          s.HttpMethod === '*' &&
          s.ResourcePath === '/*' &&
          typeof s.ThrottlingRateLimit === 'number' &&
          typeof s.ThrottlingBurstLimit === 'number',
      ),
    );
  });

  it('answers gateway errors in the function’s JSON shape', () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX', 'BAD_REQUEST_BODY']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"problems":') },
      });
    }
  });

  it('invokes the caseworker-api function, which has the table to read and write', () => {
    const fn = stateless.functions['caseworker-api']!;
    const functionId = logicalId(fn.lambda);
    const environment = (
      resourcesOf(template, 'AWS::Lambda::Function')[functionId]!.Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    assert.deepEqual(environment.TABLE_NAME, { 'Fn::ImportValue': 'email-intake-dev-table-name' });
    assert.match(fn.entry, /\/functions\/handlers\/caseworker-api\.ts$/);
    const [policy] = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === logicalId(fn.role)),
    );
    const actions = (
      policy!.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }
    ).Statement.flatMap((statement) => [statement.Action].flat());
    for (const action of ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'])
      assert.ok(actions.includes(action), action);
    for (const method of methods) {
      const integration = method.Properties.Integration as { Type: string; Uri: unknown };
      assert.equal(integration.Type, 'AWS_PROXY');
      assert.match(JSON.stringify(integration.Uri), new RegExp(functionId));
    }
    // API Gateway may invoke it, per method; the console's test invocations may not.
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
      (p) =>
        p.Properties.Principal === 'apigateway.amazonaws.com' &&
        JSON.stringify(p.Properties.FunctionName).includes(functionId),
    );
    assert.equal(permissions.length, methods.length);
    assert.ok(
      permissions.every((p) => !JSON.stringify(p.Properties.SourceArn).includes('test-invoke-stage')),
    );
  });

  it('outputs the API URL', () => {
    template.hasOutput('CaseworkerApiUrl', { Value: Match.anyValue() });
  });

  it('acknowledges WAF, execution logging and Cognito with reasons, and needs no acknowledgement for authorisation', () => {
    const acknowledged = api.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
      .map((id) => id.replace(/^Annotation::/, ''));
    assert.deepEqual(acknowledged.sort(), ['AwsSolutions-APIG3', 'AwsSolutions-APIG6', 'AwsSolutions-COG4']);
  });
});
