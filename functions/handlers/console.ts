import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { dynamoDb } from '#clients/dynamodb';
import { s3 } from '#clients/s3';
import { stepFunctions } from '#clients/sfn';
import { requireEnv, optionalEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { defaultCaseworker } from '#shared/caseworker-mailbox';
import { INBOUND_MAIL_PREFIX } from '#shared/erasure-wiring';
import { invitationTextsFrom } from '#shared/office-settings';
import { loadSessionKey } from '#shared/session-key-secret';
import { PresignedDocumentHandout } from '#adapters/presigned-document-handout';
import { S3RawMailReader } from '#adapters/s3-raw-mail-reader';
import { createConsoleApp } from '../console/app.ts';
import { oidcSignIn } from '../console/oidc-sign-in.ts';
import { consoleUseCases } from '../console/wiring.ts';

// Read at load: a missing setting fails the cold start with its name.
const table = requireEnv('TABLE_NAME');
const inboundBucket = requireEnv('INBOUND_BUCKET');
const oidc = {
  hostedUiUrl: requireEnv('CONSOLE_HOSTED_UI_URL'),
  userPoolId: requireEnv('CONSOLE_USER_POOL_ID'),
  clientId: requireEnv('CONSOLE_CLIENT_ID'),
  redirectUri: requireEnv('CONSOLE_CALLBACK_URL'),
  logoutUri: requireEnv('CONSOLE_SIGNED_OUT_URL'),
  identityProvider: optionalEnv('CONSOLE_IDENTITY_PROVIDER'),
};
const settings = invitationTextsFrom(process.env);
const metrics = new Metrics();
const rawMail = new S3RawMailReader(s3);

/** Refused sign-ins by reason (a code: never an address or a token), for an eye on misuse. */
function countRefusal(reason: string): void {
  logger.warn('Console sign-in refused', { reason });
  metrics.addDimension('reason', reason);
  metrics.addMetric('ConsoleSignInRefused', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}

/** Built at the first request: the session key comes from Secrets Manager. */
let lambdaHandler: Promise<ReturnType<typeof handle>> | undefined;

async function build(): Promise<ReturnType<typeof handle>> {
  const app = createConsoleApp({
    sessionKey: await loadSessionKey(),
    signIn: oidcSignIn({
      ...oidc,
      ...(oidc.identityProvider === undefined ? {} : { identityProvider: oidc.identityProvider }),
      onRefused: countRefusal,
    }),
    documents: new PresignedDocumentHandout(s3),
    rawMail: {
      inboundLocation: (id) => ({ bucket: inboundBucket, key: `${INBOUND_MAIL_PREFIX}${id}` }),
      readText: (location) => rawMail.readText(location),
    },
    useCases: consoleUseCases({
      db: dynamoDb,
      table,
      stepFunctions,
      decisionStateMachineArn: optionalEnv('STATE_MACHINE_ARN') ?? null,
      intakeStateMachineArn: optionalEnv('INTAKE_STATE_MACHINE_ARN') ?? null,
      defaultCaseworker: defaultCaseworker(),
      settings,
      env: process.env,
    }),
    timeZone: settings.timeZone,
    secureCookies: true,
  });
  return handle(app);
}

/**
 * The caseworker console behind an API Gateway HTTP API (payload 2.0): the same Hono app as in
 * `npm start`, with sign-in through Cognito (OpenID Connect) and documents handed out by
 * presigned redirect. One log line per request: method, status, latency; never the path (it holds
 * case references and message ids), the query or the caseworker's address.
 */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> {
  logger.addContext(context);
  const started = Date.now();
  lambdaHandler ??= build().catch((error: unknown) => {
    lambdaHandler = undefined;
    throw error;
  });
  // The same payload, typed differently by @types/aws-lambda and Hono (body absent vs null).
  const result = (await (
    await lambdaHandler
  )(event as unknown as LambdaEvent, context)) as Exclude<APIGatewayProxyResultV2, string>;
  const status = result.statusCode ?? 200;
  (status >= 500 ? logger.error : logger.info).call(logger, 'Console request', {
    method: event.requestContext.http.method,
    status,
    latencyMs: Date.now() - started,
    apiRequestId: event.requestContext.requestId,
  });
  return result;
}
