import assert from 'node:assert/strict';
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createConsoleApp } from '../../functions/console/app.ts';
import type { ConsoleUseCases } from '../../functions/console/deps.ts';
import { oidcSignIn, type SignInRefusal } from '../../functions/console/oidc-sign-in.ts';
import { openSession } from '../../functions/console/session.ts';

const USER_POOL_ID = 'eu-west-1_TestPool1';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}`;
const CLIENT_ID = 'console-client-id';
const CONSOLE = 'https://console.intake.test';
const COOKIE = '__Host-intake-session';

// The pool's signing key: a real RSA key pair, its public half served as the pool's JWKS.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key-1';
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };

function signJwt(claims: Record<string, unknown>, key = privateKey, kid = KID): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', kid, typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

/** The claims Cognito puts into an ID token of a user signed in through the hosted UI. */
function idTokenClaims(nonce: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'b1e2c3d4-0000-4000-8000-000000000001',
    iss: ISSUER,
    aud: CLIENT_ID,
    token_use: 'id',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    nonce,
    email: 'M.Keller@Stadt.Example',
    email_verified: true,
    ...overrides,
  };
}

describe('OpenID Connect sign-in against the Cognito hosted UI', () => {
  let server: Server;
  let hostedUi: string;
  /** What the fake token endpoint answers next: the ID token for the nonce of the sign-in. */
  let answer: (nonce: string) => { status: number; body: unknown };
  let tokenRequests: URLSearchParams[];
  let refusals: SignInRefusal[];
  /** The nonce of the sign-in under way (from the authorize redirect). */
  let currentNonce = '';
  const sessionKey = randomBytes(32);

  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        tokenRequests.push(form);
        const ok = request.method === 'POST' && request.url === '/oauth2/token';
        const { status, body } = ok ? answer(currentNonce) : { status: 404, body: {} };
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostedUi = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    tokenRequests = [];
    refusals = [];
    answer = (nonce) => ({
      status: 200,
      body: { id_token: signJwt(idTokenClaims(nonce)), token_type: 'Bearer' },
    });
  });

  const consoleApp = () =>
    createConsoleApp({
      sessionKey,
      signIn: oidcSignIn({
        hostedUiUrl: hostedUi,
        userPoolId: USER_POOL_ID,
        clientId: CLIENT_ID,
        redirectUri: `${CONSOLE}/auth/callback`,
        logoutUri: `${CONSOLE}/signed-out`,
        identityProvider: 'Stadt',
        jwks: { keys: [jwk as never] },
        onRefused: (reason) => refusals.push(reason),
      }),
      documents: { respond: () => Promise.reject(new Error('not used')) },
      rawMail: {
        inboundLocation: () => ({ bucket: 'b', key: 'k' }),
        readText: () => Promise.resolve(null),
      },
      useCases: { triage: { list: () => Promise.resolve([]) } } as unknown as ConsoleUseCases,
      timeZone: 'Europe/Berlin',
      secureCookies: true,
    });

  /** A browser: keeps the session cookie between requests. */
  function browser() {
    const app = consoleApp();
    let cookie = '';
    return {
      async get(path: string): Promise<Response> {
        const response = await app.request(`${CONSOLE}${path}`, { headers: { cookie } });
        this.keep(response);
        return response;
      },
      async post(path: string, form: Record<string, string>): Promise<Response> {
        const response = await app.request(`${CONSOLE}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        });
        this.keep(response);
        return response;
      },
      keep(response: Response): void {
        for (const line of response.headers.getSetCookie()) {
          const [pair] = line.split(';');
          if (pair?.startsWith(`${COOKIE}=`)) cookie = pair;
        }
      },
      session() {
        return openSession(cookie.slice(COOKIE.length + 1), sessionKey, new Date());
      },
    };
  }

  /** Starts a sign-in: the authorize URL's parameters, the nonce remembered for the fake endpoint. */
  async function startSignIn(b: ReturnType<typeof browser>): Promise<URLSearchParams> {
    const response = await b.get('/login');
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, `${hostedUi}/oauth2/authorize`);
    currentNonce = location.searchParams.get('nonce') ?? '';
    return location.searchParams;
  }

  it('sends the browser to the hosted UI with state, nonce and an S256 code challenge, then signs in as the verified email', async () => {
    // Prepare
    const b = browser();

    // Act
    const params = await startSignIn(b);
    const callback = await b.get(`/auth/callback?code=the-code&state=${params.get('state')}`);

    // Assess
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('client_id'), CLIENT_ID);
    assert.equal(params.get('redirect_uri'), `${CONSOLE}/auth/callback`);
    assert.equal(params.get('scope'), 'openid email');
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.equal(params.get('identity_provider'), 'Stadt');
    assert.ok((params.get('state') ?? '').length >= 32);
    assert.ok(currentNonce.length >= 32);
    assert.notEqual(params.get('state'), currentNonce);

    assert.equal(tokenRequests.length, 1);
    const exchange = tokenRequests[0]!;
    assert.equal(exchange.get('grant_type'), 'authorization_code');
    assert.equal(exchange.get('code'), 'the-code');
    assert.equal(exchange.get('client_id'), CLIENT_ID);
    assert.equal(exchange.get('redirect_uri'), `${CONSOLE}/auth/callback`);
    const verifier = exchange.get('code_verifier') ?? '';
    assert.equal(createHash('sha256').update(verifier).digest('base64url'), params.get('code_challenge'));

    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), '/triage');
    assert.equal(b.session()?.caseworker, 'm.keller@stadt.example');
    assert.equal(b.session()?.pendingSignIn, undefined, 'state, nonce and verifier are used once');
    assert.deepEqual(refusals, []);
  });

  it('the same callback a second time signs nobody in (the state is used once)', async () => {
    // Prepare
    const first = browser();
    const params = await startSignIn(first);
    const callbackPath = `/auth/callback?code=the-code&state=${params.get('state')}`;
    const stranger = browser();
    await stranger.get('/login');

    // Act
    const replayed = await stranger.get(callbackPath);

    // Assess
    assert.equal(replayed.status, 400);
    assert.equal(stranger.session()?.caseworker, null);
    assert.equal(tokenRequests.length, 0, 'no code exchanged for a foreign state');
    assert.deepEqual(refusals, ['state-mismatch']);
  });

  const refused: [string, (nonce: string) => { status: number; body: unknown }, number, SignInRefusal][] = [
    [
      'an ID token for another nonce',
      () => ({ status: 200, body: { id_token: signJwt(idTokenClaims('another-nonce')) } }),
      401,
      'nonce-mismatch',
    ],
    [
      'an expired ID token',
      (n) => ({
        status: 200,
        body: { id_token: signJwt(idTokenClaims(n, { exp: Math.floor(Date.now() / 1000) - 600 })) },
      }),
      401,
      'invalid-id-token',
    ],
    [
      'an ID token for another app client',
      (n) => ({ status: 200, body: { id_token: signJwt(idTokenClaims(n, { aud: 'other-client' })) } }),
      401,
      'invalid-id-token',
    ],
    [
      'an ID token from another issuer',
      (n) => ({
        status: 200,
        body: {
          id_token: signJwt(
            idTokenClaims(n, { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }),
          ),
        },
      }),
      401,
      'invalid-id-token',
    ],
    [
      'an access token in place of the ID token',
      (n) => ({ status: 200, body: { id_token: signJwt(idTokenClaims(n, { token_use: 'access' })) } }),
      401,
      'invalid-id-token',
    ],
    [
      'an ID token signed with another key',
      (n) => ({
        status: 200,
        body: {
          id_token: signJwt(idTokenClaims(n), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
        },
      }),
      401,
      'invalid-id-token',
    ],
    [
      'an unverified email address',
      (n) => ({ status: 200, body: { id_token: signJwt(idTokenClaims(n, { email_verified: 'false' })) } }),
      403,
      'no-verified-email',
    ],
    [
      'no email claim',
      (n) => ({ status: 200, body: { id_token: signJwt(idTokenClaims(n, { email: undefined })) } }),
      403,
      'no-verified-email',
    ],
    [
      'a token endpoint that refuses the code',
      () => ({ status: 400, body: { error: 'invalid_grant' } }),
      502,
      'token-exchange-failed',
    ],
  ];
  for (const [what, tokenAnswer, status, reason] of refused) {
    it(`refuses ${what} with a German page and no session`, async () => {
      // Prepare
      answer = tokenAnswer;
      const b = browser();
      const params = await startSignIn(b);

      // Act
      const response = await b.get(`/auth/callback?code=c&state=${params.get('state')}`);
      const body = await response.text();

      // Assess
      assert.equal(response.status, status);
      assert.match(body, /<html lang="de">/);
      assert.match(body, /Anmeldung fehlgeschlagen/);
      assert.match(body, /href="\/login"/);
      assert.doesNotMatch(body, /\bat \S+\.ts:\d+|Error:/, 'no stack trace');
      assert.equal(b.session()?.caseworker, null);
      assert.equal(b.session()?.pendingSignIn, undefined, 'a refused sign-in cannot be tried again');
      assert.deepEqual(refusals, [reason]);
    });
  }

  it('an error the provider returns (the user cancelled) ends in a German page without a code exchange', async () => {
    // Prepare
    const b = browser();
    const params = await startSignIn(b);

    // Act
    const response = await b.get(`/auth/callback?error=access_denied&state=${params.get('state')}`);

    // Assess
    assert.equal(response.status, 401);
    assert.match(await response.text(), /abgebrochen/);
    assert.equal(tokenRequests.length, 0);
    assert.deepEqual(refusals, ['provider-error']);
  });

  it('a callback without a sign-in begun in this browser is refused', async () => {
    const response = await browser().get('/auth/callback?code=c&state=s');
    assert.equal(response.status, 400);
    assert.deepEqual(refusals, ['no-pending-sign-in']);
  });

  it('signing out ends the session and continues to Cognito’s logout, which the page policy allows', async () => {
    // Prepare
    const b = browser();
    const params = await startSignIn(b);
    await b.get(`/auth/callback?code=c&state=${params.get('state')}`);
    const csrf = b.session()?.csrf ?? '';

    // Act
    const response = await b.post('/logout', { _csrf: csrf });
    const signedOut = await b.get('/signed-out');

    // Assess
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, `${hostedUi}/logout`);
    assert.equal(location.searchParams.get('client_id'), CLIENT_ID);
    assert.equal(location.searchParams.get('logout_uri'), `${CONSOLE}/signed-out`);
    assert.match(
      response.headers.get('content-security-policy') ?? '',
      new RegExp(`form-action 'self' ${hostedUi}`),
    );
    assert.equal(b.session()?.caseworker, null);
    assert.equal(signedOut.status, 200);
    assert.match(await signedOut.text(), /Sie sind abgemeldet/);
  });

  it('signed out, a page sends the browser to /login, which starts the flow', async () => {
    const b = browser();
    const page = await b.get('/cases');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login');
  });
});
