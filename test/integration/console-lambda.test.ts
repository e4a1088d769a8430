import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalLambda } from '../../local/local-lambda.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';

const HOST = 'console-api.execute-api.eu-west-1.amazonaws.com';

/** A browser's request as API Gateway's HTTP API hands it to the function (payload 2.0). */
function request(path: string, query = '', cookies: string[] = []): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    cookies,
    headers: { host: HOST, 'x-forwarded-proto': 'https', 'user-agent': 'test' },
    ...(query === '' ? {} : { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'console-api',
      domainName: HOST,
      domainPrefix: 'console-api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: `request-${Math.random()}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

/**
 * The console's Lambda as the local runtime runs it: exactly its CDK environment and IAM role, the
 * session key from (the stand-in of) Secrets Manager. Sign-in itself needs Cognito; this checks
 * the wiring up to the hosted UI and back.
 */
describe('the console Lambda (HTTP API payload 2.0)', () => {
  let pipeline: TestPipeline;
  let consoleLambda: LocalLambda;

  before(async () => {
    pipeline = await startTestPipeline();
    const found = [...pipeline.runtime.lambdas.entries()].find(([id]) =>
      id.startsWith('CaseworkerConsoleFunction'),
    );
    assert.ok(found, 'the local runtime runs the console function');
    consoleLambda = found[1];
  });
  after(async () => {
    await pipeline?.stop();
  });

  const invoke = async (event: APIGatewayProxyEventV2) =>
    (await consoleLambda.invoke(event)) as APIGatewayProxyStructuredResultV2;

  it('sends a signed-out visitor to /login, and /login on to the hosted UI with a Secure session cookie', async () => {
    // Act
    const page = await invoke(request('/cases'));
    const login = await invoke(request('/login'));

    // Assess
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers?.location, '/login');
    assert.equal(login.statusCode, 302);
    const location = new URL(String(login.headers?.location));
    const env = consoleLambda.environment;
    assert.equal(`${location.origin}${location.pathname}`, `${env.CONSOLE_HOSTED_UI_URL}/oauth2/authorize`);
    assert.equal(location.hostname, 'email-intake-dev-example.auth.eu-west-1.amazoncognito.com');
    assert.equal(location.searchParams.get('client_id'), env.CONSOLE_CLIENT_ID);
    assert.equal(location.searchParams.get('redirect_uri'), env.CONSOLE_CALLBACK_URL);
    assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
    const cookie = (login.cookies ?? []).find((c) => c.startsWith('__Host-intake-session='));
    assert.ok(cookie, 'the pre-sign-in session is set');
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; Secure/i);
    assert.match(cookie, /; SameSite=Lax/i);
  });

  it('refuses a callback whose state is not the one it sent, with a German page and no stack trace', async () => {
    // Prepare
    const login = await invoke(request('/login'));
    const cookie = (login.cookies ?? []).find((c) => c.startsWith('__Host-intake-session='))!.split(';')[0]!;

    // Act
    const callback = await invoke(request('/auth/callback', 'code=abc&state=forged', [cookie]));

    // Assess
    assert.equal(callback.statusCode, 400);
    assert.match(String(callback.body), /Anmeldung fehlgeschlagen/);
    assert.doesNotMatch(String(callback.body), /Error|\.ts:\d+/);
  });
});
