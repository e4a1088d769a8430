import { Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CASEWORKER_API_ROUTES } from '../../functions/events/caseworker-api-requests.ts';
import type { IntakeFunction } from './intake-function.ts';

export interface CaseworkerApiProps {
  /** The function behind every route (Lambda proxy integration); it routes by method and path. */
  readonly handler: IntakeFunction;
  /** Name of the REST API in the console. */
  readonly restApiName: string;
  /** Retention of the access log group. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Steady requests per second across the whole API (all caseworkers together).
   * @default 10
   */
  readonly throttlingRateLimit?: number;
  /**
   * Requests the API accepts at once above the steady rate.
   * @default 20
   */
  readonly throttlingBurstLimit?: number;
}

/** The stage every route is deployed to; part of the URL. */
const STAGE_NAME = 'v1';

/**
 * Every error API Gateway answers itself (403 unsigned or not allowed, 429 throttled, 5xx) in the
 * shape the function uses, so a client reads `{ error, problems }` whoever answered.
 */
const GATEWAY_ERROR_BODY = '{"error":$context.error.messageString,"problems":[]}';

/**
 * The caseworkers' HTTP API: API Gateway REST API → one Lambda function (proxy integration), with
 * a resource and method per route of `CASEWORKER_API_ROUTES`.
 *
 * - Every method requires IAM authorisation (SigV4): callers are the office's IAM principals (the
 *   CLI signs with the caseworker's credentials), granted `execute-api:Invoke` per route. Nothing
 *   is anonymous; there are no API keys.
 * - A request validator requires each method's path parameters and, where a route takes a body,
 *   a JSON object; the function's schemas then check every field and answer with the problems.
 * - Regional endpoint: requests reach the stage's region directly, not through CloudFront's
 *   worldwide edge locations (the data is personal data of the most sensitive kind).
 * - Stage: JSON access logs (caller ARN, route template, status, latency, errors; never paths or
 *   bodies) to their own log group, X-Ray tracing, and throttling for the whole API.
 */
export class CaseworkerApi extends Construct {
  /** The REST API. */
  readonly api: apigw.RestApi;
  /** The access log group of the stage. */
  readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CaseworkerApiProps) {
    super(scope, id);

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: 'Caseworker API: cases, triage, document reassignment (IAM-authorised)',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // The account-wide API Gateway logging role is set by the stateful stack (or by whoever the
      // stage config says sets it): an account setting must not come and go with this stack.
      cloudWatchRole: false,
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      deployOptions: {
        stageName: STAGE_NAME,
        tracingEnabled: true,
        throttlingRateLimit: props.throttlingRateLimit ?? 10,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 20,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
      },
    });

    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const jsonObject = this.api.addModel('JsonObject', {
      contentType: 'application/json',
      modelName: 'JsonObject',
      schema: {
        schema: apigw.JsonSchemaVersion.DRAFT4,
        title: 'JsonObject',
        type: apigw.JsonSchemaType.OBJECT,
      },
    });
    // One permission per method, scoped to its method and path; no console test invocations.
    const integration = new apigw.LambdaIntegration(props.handler.lambda, {
      proxy: true,
      allowTestInvoke: false,
    });

    for (const route of Object.values(CASEWORKER_API_ROUTES)) {
      const parameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        authorizationType: apigw.AuthorizationType.IAM,
        requestValidator: validator,
        requestParameters: Object.fromEntries(parameters.map((p) => [`method.request.path.${p}`, true])),
        ...(route.body ? { requestModels: { 'application/json': jsonObject } } : {}),
      });
    }

    const gatewayErrors = { 'application/json': GATEWAY_ERROR_BODY };
    this.api.addGatewayResponse('Default4xx', {
      type: apigw.ResponseType.DEFAULT_4XX,
      templates: gatewayErrors,
    });
    this.api.addGatewayResponse('Default5xx', {
      type: apigw.ResponseType.DEFAULT_5XX,
      templates: gatewayErrors,
    });
    this.api.addGatewayResponse('BadRequestBody', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      templates: {
        'application/json': '{"error":"invalid request body","problems":["the body must be a JSON object"]}',
      },
    });

    Validations.of(this.api.deploymentStage).acknowledge(
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF web ACL: every method requires SigV4-signed requests of IAM principals of this account, which API Gateway checks before anything runs, and the stage is throttled; no anonymous traffic reaches the function.',
      },
      {
        id: 'AwsSolutions-APIG6',
        reason:
          'No execution logging: it writes to log groups API Gateway names itself, outside this stack’s retention, and at INFO level quotes request data. The JSON access log records each request with caller, route, status, latency and gateway/integration errors, and the function logs each request with the same fields.',
      },
    );
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Authorised by IAM (SigV4) instead of a Cognito user pool: caseworkers use the office’s IAM identities, and the CLI signs with the same credentials it uses for AWS. Every method is AWS_IAM; none is open.',
    });
  }

  /** The URL of the stage, ending in `/`. */
  get url(): string {
    return this.api.url;
  }
}

/**
 * One JSON line per request. The route template (`/cases/{reference}`), not the path: the path
 * holds case references. No bodies, query strings or headers besides the user agent.
 */
function accessLogFormat(): apigw.AccessLogFormat {
  const f = apigw.AccessLogField;
  return apigw.AccessLogFormat.custom(
    JSON.stringify({
      requestId: f.contextRequestId(),
      requestTime: f.contextRequestTime(),
      httpMethod: f.contextHttpMethod(),
      resourcePath: f.contextResourcePath(),
      status: f.contextStatus(),
      responseLatency: f.contextResponseLatency(),
      responseLength: f.contextResponseLength(),
      userArn: f.contextIdentityUserArn(),
      accountId: f.contextIdentityAccountId(),
      sourceIp: f.contextIdentitySourceIp(),
      userAgent: f.contextIdentityUserAgent(),
      errorType: f.contextErrorResponseType(),
      error: f.contextErrorMessage(),
      integrationStatus: f.contextIntegrationStatus(),
      integrationError: f.contextIntegrationErrorMessage(),
      xrayTraceId: f.contextXrayTraceId(),
    }),
  );
}
