import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { S3Client } from '@aws-sdk/client-s3';
import { Hono } from 'hono';
import { createConsoleApp } from '../functions/console/app.ts';
import { localSignIn } from '../functions/console/sign-in.ts';
import { consoleUseCases } from '../functions/console/wiring.ts';
import { S3DocumentHandout } from '../functions/adapters/s3-document-handout.ts';
import { S3RawMailReader } from '../functions/adapters/s3-raw-mail-reader.ts';
import { INBOUND_MAIL_PREFIX } from '../functions/shared/erasure-wiring.ts';
import { invitationTextsFrom } from '../functions/shared/office-settings.ts';
import { defaultCaseworker } from '../functions/shared/caseworker-mailbox.ts';
import { localApiRoutes } from './console-api.ts';
import type { LocalLambda } from './local-lambda.ts';
import type { SynthesizedApp } from './synthesized-app.ts';

export interface LocalConsole {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The caseworker console inside `npm start`: the same app the Lambda runs, with the local
 * sign-in (any email, no password), files served from the S3 stand-in, and the caseworker JSON
 * API under /api (the API's own function, invoked as API Gateway would).
 */
export async function startLocalConsole(options: {
  readonly port: number;
  readonly app: SynthesizedApp;
  readonly lambdas: ReadonlyMap<string, LocalLambda>;
  readonly s3: S3Client;
  readonly endpoints: { readonly dynamodb: string; readonly stepFunctions: string };
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}): Promise<LocalConsole> {
  const functions = [...options.app.functions.values()];
  const envOf = (entryEnd: string): Record<string, string> =>
    functions.find((f) => f.entry.endsWith(entryEnd))?.environment ?? {};
  const apiFunction = functions.find((f) => f.entry.endsWith('caseworker-api.ts'));
  const apiEnv = apiFunction?.environment ?? {};
  const table = apiEnv.TABLE_NAME;
  const inboundBucket = apiEnv.INBOUND_BUCKET;
  if (table === undefined || inboundBucket === undefined)
    throw new Error('The caseworker API function names no table or inbound bucket');
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.endpoints.dynamodb,
      region: options.region,
      credentials: options.credentials,
    }),
  );
  const stepFunctions = new SFNClient({
    endpoint: options.endpoints.stepFunctions,
    region: options.region,
    credentials: options.credentials,
  });
  const settings = invitationTextsFrom(envOf('decision-send.ts'));
  const rawMail = new S3RawMailReader(options.s3);
  const consoleApp = createConsoleApp({
    // A new key each start: sessions end with the pipeline (sign in again after a restart).
    sessionKey: randomBytes(32),
    signIn: localSignIn(),
    documents: new S3DocumentHandout(options.s3),
    rawMail: {
      inboundLocation: (id) => ({ bucket: inboundBucket, key: `${INBOUND_MAIL_PREFIX}${id}` }),
      readText: (location) => rawMail.readText(location),
    },
    useCases: consoleUseCases({
      db,
      table,
      stepFunctions,
      decisionStateMachineArn: apiEnv.STATE_MACHINE_ARN ?? null,
      intakeStateMachineArn: apiEnv.INTAKE_STATE_MACHINE_ARN ?? null,
      defaultCaseworker: defaultCaseworker(),
      settings,
      ...(apiEnv.TRIAGE_RETENTION_DAYS ? { triageRetentionDays: Number(apiEnv.TRIAGE_RETENTION_DAYS) } : {}),
      env: apiEnv,
    }),
    timeZone: settings.timeZone,
    secureCookies: false,
  });
  const root = new Hono();
  if (apiFunction !== undefined)
    root.route('/api', localApiRoutes(options.lambdas.get(apiFunction.logicalId)!));
  root.route('/', consoleApp);

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: root.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
