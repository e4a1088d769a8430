import { Duration, RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ConsoleConfig } from '../config.ts';
import { IntakeFunction, type IntakeFunctionProps } from './intake-function.ts';

/** Paths of the console's sign-in that Cognito must know (see functions/console/oidc-sign-in.ts). */
export const CONSOLE_CALLBACK_PATH = '/auth/callback';
export const CONSOLE_SIGNED_OUT_PATH = '/signed-out';

export interface CaseworkerConsoleProps {
  /** Absolute path of the console's Lambda handler. */
  readonly entry: string;
  /** Prefix of named resources (`email-intake-<stage>`). */
  readonly namePrefix: string;
  /** The stage's console settings: hosted UI domain prefix, the city's identity provider. */
  readonly settings: ConsoleConfig;
  /** A production stage keeps its user pool (deletion protection, retained on delete). */
  readonly production: boolean;
  /** The function's defaults (log retention, service name, metrics namespace) as the stack's others. */
  readonly functionDefaults: Pick<IntakeFunctionProps, 'logRetention' | 'serviceName' | 'metricsNamespace'>;
  /** Concurrent executions reserved for the console. */
  readonly reservedConcurrency: number;
  /** Office settings the console shows and previews emails with (OFFICE_TIME_ZONE, …). */
  readonly environment: Readonly<Record<string, string>>;
  readonly table: dynamodb.ITable;
  readonly documentBucket: s3.IBucket;
  readonly inboundBucket: s3.IBucket;
  /** Prefixes of what the console reads: documents, held files and sent copies; raw and parsed mail. */
  readonly documentPrefixes: readonly string[];
  readonly inboundPrefixes: readonly string[];
  readonly decisionWorkflow: sfn.IStateMachine;
  readonly intakeWorkflow: sfn.IStateMachine;
  /** Key of the state machines' execution input (and of the buckets and table). */
  readonly encryptionKey: kms.IKey;
  readonly sessionSecret: secretsmanager.ISecret;
  /**
   * Steady requests per second across all caseworkers (each page is one request, each file one more).
   * @default 20
   */
  readonly throttlingRateLimit?: number;
}

/**
 * The caseworker console on AWS: one Lambda function (the Hono app) as the default route of an API
 * Gateway HTTP API, and the Cognito user pool caseworkers sign in with (hosted UI, authorization
 * code grant with PKCE, public client), optionally federating the city's OpenID Connect provider.
 *
 * - Authorisation is the app's own: every path but the sign-in's needs the encrypted session
 *   cookie it sets after verifying Cognito's ID token. API Gateway passes every request through.
 * - Files leave by one-minute presigned S3 URLs signed with the function's role, so the role may
 *   read exactly the prefixes the console hands out.
 */
export class CaseworkerConsole extends Construct {
  readonly function: IntakeFunction;
  readonly api: apigwv2.HttpApi;
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CaseworkerConsoleProps) {
    super(scope, id);
    const { settings } = props;

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${props.namePrefix}-console`,
      description: 'Caseworker console (sign-in through Cognito, checked by the function)',
      createDefaultStage: false,
    });
    const consoleUrl = this.api.apiEndpoint;
    const callbackUrl = `${consoleUrl}${CONSOLE_CALLBACK_PATH}`;
    const signedOutUrl = `${consoleUrl}${CONSOLE_SIGNED_OUT_PATH}`;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${props.namePrefix}-caseworkers`,
      // Accounts are made by an administrator (or come from the city's provider): nobody signs up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // The one email Cognito sends a caseworker made by an administrator: German, like the console.
      userInvitation: {
        emailSubject: 'Ihr Zugang zur Sachbearbeitung (E-Mail-Eingang)',
        emailBody:
          'Guten Tag,<br>Ihr Zugang zur Sachbearbeitung ist eingerichtet. Benutzername: {username}<br>Vorläufiges Passwort: {####}<br>Bitte melden Sie sich innerhalb von drei Tagen an und legen Sie ein eigenes Passwort und die Zwei-Faktor-Anmeldung fest.',
      },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Caseworkers see the most sensitive personal data: a password alone is not enough.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins) needs the Plus plan.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: settings.domainPrefix },
    });

    const providers: cognito.UserPoolClientIdentityProvider[] = [];
    const federated = settings.identityProvider;
    let cityProvider: cognito.UserPoolIdentityProviderOidc | undefined;
    if (federated === undefined) {
      providers.push(cognito.UserPoolClientIdentityProvider.COGNITO);
    } else {
      cityProvider = new cognito.UserPoolIdentityProviderOidc(this, 'CityIdentityProvider', {
        userPool: this.userPool,
        name: federated.name,
        issuerUrl: federated.issuerUrl,
        clientId: federated.clientId,
        // A dynamic reference: CloudFormation reads the secret at deploy time; the template never holds it.
        clientSecret: SecretValue.secretsManager(federated.clientSecretArn).unsafeUnwrap(),
        scopes: ['openid', 'email'],
        attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
        attributeMapping: {
          email: cognito.ProviderAttribute.other('email'),
          emailVerified: cognito.ProviderAttribute.other('email_verified'),
        },
      });
      // With the city's provider, only city accounts: no second way in past its controls.
      providers.push(cognito.UserPoolClientIdentityProvider.custom(federated.name));
    }

    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `${props.namePrefix}-console`,
      // A public client: the code is bound to the browser's sign-in by PKCE, not by a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [callbackUrl],
        logoutUrls: [signedOutUrl],
      },
      supportedIdentityProviders: providers,
      preventUserExistenceErrors: true,
      // The console keeps its own session; tokens serve only the moment of sign-in.
      idTokenValidity: Duration.minutes(5),
      accessTokenValidity: Duration.minutes(5),
      refreshTokenValidity: Duration.minutes(60),
      enableTokenRevocation: true,
    });
    if (cityProvider !== undefined) this.client.node.addDependency(cityProvider);

    this.function = new IntakeFunction(this, 'Function', {
      ...props.functionDefaults,
      entry: props.entry,
      description: 'Caseworker console: pages, actions, document handout',
      invokedBy: 'api',
      memorySize: 1024,
      // Ends before the HTTP API's 30 s integration timeout, so the function's own timeout is logged.
      timeout: Duration.seconds(25),
      reservedConcurrency: props.reservedConcurrency,
      // The console serves htmx from the package's own file (functions/console/assets.ts), which
      // esbuild cannot inline: without it the first request fails with MODULE_NOT_FOUND.
      nodeModules: ['htmx.org'],
      environment: {
        ...props.environment,
        CONSOLE_HOSTED_UI_URL: this.domain.baseUrl(),
        CONSOLE_USER_POOL_ID: this.userPool.userPoolId,
        CONSOLE_CLIENT_ID: this.client.userPoolClientId,
        CONSOLE_CALLBACK_URL: callbackUrl,
        CONSOLE_SIGNED_OUT_URL: signedOutUrl,
        ...(federated === undefined ? {} : { CONSOLE_IDENTITY_PROVIDER: federated.name }),
      },
    })
      // Cases, contacts, triage, activity log, checklist marks, dismissals; no scans, no batch writes.
      .bindTable(props.table, ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'])
      .bindBucket('DOCUMENT_BUCKET', props.documentBucket, {
        read: props.documentPrefixes.map((prefix) => `${prefix}*`),
      })
      .bindBucket('INBOUND_BUCKET', props.inboundBucket, {
        read: props.inboundPrefixes.map((prefix) => `${prefix}*`),
      })
      .bindStateMachine(props.decisionWorkflow, props.encryptionKey)
      .bindStateMachine(props.intakeWorkflow, props.encryptionKey, 'INTAKE_STATE_MACHINE_ARN')
      .bindSecret('SESSION_KEY_SECRET_ARN', props.sessionSecret);

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.functionDefaults.logRetention,
    });
    // The default route: every method and path goes to the app, which routes (and refuses) itself.
    const route = new apigwv2.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: apigwv2.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('Integration', this.function.lambda, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      }),
    });
    const rate = props.throttlingRateLimit ?? 20;
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: rate, burstLimit: rate * 2 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat(),
      },
    });

    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorised by the console itself: browsers send its encrypted session cookie, not a bearer token an API Gateway authorizer could check. Every path except the sign-in’s own (/login, /auth/callback, /signed-out, static assets) answers a signed-out request with a redirect to the sign-in, and the session is only set after the Cognito ID token is verified.',
    });
  }

  /** The console's address (https, no trailing slash). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}

/**
 * One JSON line per request: never the path or query (they hold case references, message ids and
 * the sign-in's code and state), no headers besides the user agent.
 */
function accessLogFormat(): apigw.AccessLogFormat {
  return apigw.AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      responseLength: '$context.responseLength',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      error: '$context.error.message',
      integrationStatus: '$context.integrationStatus',
      integrationError: '$context.integrationErrorMessage',
    }),
  );
}
