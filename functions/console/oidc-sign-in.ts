import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { ConsoleEnv } from './context.ts';
import { html } from './html.ts';
import type { SignIn } from './sign-in.ts';
import { page } from './views/layout.ts';
import { looksLikeEmailAddress, normaliseAddress } from '../domain/case-file.ts';

/** The console's paths of the OpenID Connect flow (the callback is registered on the app client). */
export const OIDC_PATHS = {
  login: '/login',
  callback: '/auth/callback',
  signedOut: '/signed-out',
} as const;

/**
 * A sign-in begun and not finished within this time is refused: the browser waited on the
 * identity provider's page for long, or the callback is replayed from history.
 */
const PENDING_SECONDS = 15 * 60;
/** The token endpoint answers within seconds; a hanging one must not hold the Lambda to its timeout. */
const TOKEN_TIMEOUT_MS = 10_000;

export interface OidcSignInSettings {
  /** Base URL of the user pool's hosted UI (`https://PREFIX.auth.REGION.amazoncognito.com`). */
  readonly hostedUiUrl: string;
  /** The user pool (`eu-west-1_AbC…`): the ID token's issuer and signing keys are its own. */
  readonly userPoolId: string;
  /** The app client: public (no secret), authorization code grant with PKCE. */
  readonly clientId: string;
  /** The console's `…/auth/callback` URL, exactly as registered on the app client. */
  readonly redirectUri: string;
  /** Where Cognito sends the browser after sign-out (`…/signed-out`), registered on the client. */
  readonly logoutUri: string;
  /**
   * Identity provider (as named in the user pool) to go to straight away, skipping Cognito's
   * choice page: the city's. Default: Cognito's own sign-in page.
   */
  readonly identityProvider?: string;
  /** Told why a sign-in was refused (a code, never a token or an address), for the log. */
  readonly onRefused?: (reason: SignInRefusal) => void;
  /** Tests: the HTTP client that reaches the token endpoint. */
  readonly fetch?: typeof fetch;
  /** Tests: the pool's signing keys, so no request goes to Cognito's JWKS URL. */
  readonly jwks?: Jwks;
}

/** Why a sign-in ended without a session; each has its German page. */
export type SignInRefusal =
  | 'no-pending-sign-in'
  | 'state-mismatch'
  | 'provider-error'
  | 'token-exchange-failed'
  | 'invalid-id-token'
  | 'nonce-mismatch'
  | 'no-verified-email';

const REFUSALS: Record<SignInRefusal, { status: 400 | 401 | 403 | 502; text: string }> = {
  'no-pending-sign-in': {
    status: 400,
    text: 'Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen.',
  },
  'state-mismatch': {
    status: 400,
    text: 'Die Anmeldung passt nicht zu diesem Browserfenster und wurde deshalb nicht angenommen.',
  },
  'provider-error': {
    status: 401,
    text: 'Die Anmeldung wurde abgebrochen oder vom Anmeldedienst abgelehnt.',
  },
  'token-exchange-failed': { status: 502, text: 'Der Anmeldedienst hat nicht wie erwartet geantwortet.' },
  'invalid-id-token': { status: 401, text: 'Die Anmeldebestätigung war ungültig oder abgelaufen.' },
  'nonce-mismatch': { status: 401, text: 'Die Anmeldebestätigung gehört nicht zu dieser Anmeldung.' },
  'no-verified-email': {
    status: 403,
    text: 'Ihr Konto hat keine bestätigte E-Mail-Adresse. Bitte wenden Sie sich an die IT.',
  },
};

const base64url = (bytes: Buffer): string => bytes.toString('base64url');
const randomToken = (): string => base64url(randomBytes(32));

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sign-in on AWS: the OpenID Connect authorization code flow with PKCE against a Cognito user pool
 * (which may federate the city's identity provider). GET /login sends the browser to the hosted
 * UI with a fresh state, nonce and code challenge, kept in the encrypted pre-sign-in session;
 * GET /auth/callback checks the state, exchanges the code for tokens at the token endpoint,
 * verifies the ID token (signature by the pool's keys, issuer, audience, token use, expiry, nonce)
 * and signs in as its verified `email`. Sign-out continues to Cognito's /logout, which ends the
 * hosted UI's own session and returns to /signed-out.
 */
export function oidcSignIn(settings: OidcSignInSettings): SignIn {
  const hostedUi = settings.hostedUiUrl.replace(/\/+$/, '');
  const doFetch = settings.fetch ?? fetch;
  const verifier = CognitoJwtVerifier.create({
    userPoolId: settings.userPoolId,
    clientId: settings.clientId,
    tokenUse: 'id',
  });
  if (settings.jwks !== undefined) verifier.cacheJwks(settings.jwks);
  const logout = new URL(`${hostedUi}/logout`);
  logout.searchParams.set('client_id', settings.clientId);
  logout.searchParams.set('logout_uri', settings.logoutUri);

  const refuse = (c: Context<ConsoleEnv>, reason: SignInRefusal, clearPending: () => void): Response => {
    settings.onRefused?.(reason);
    clearPending();
    const { status, text } = REFUSALS[reason];
    const body = page(
      { title: 'Anmeldung fehlgeschlagen', caseworker: null, csrf: c.get('session').csrf, waiting: null },
      html`<h1>Anmeldung fehlgeschlagen</h1>
        <p>${text}</p>
        <p><a href="${OIDC_PATHS.login}">Erneut anmelden</a></p>`,
    );
    return c.html(body.value, status);
  };

  /** The ID token's claims once every check passed; null (with the reason) otherwise. */
  const verifiedEmail = async (
    idToken: string,
    nonce: string,
  ): Promise<{ email: string } | { refusal: SignInRefusal }> => {
    let payload;
    try {
      payload = await verifier.verify(idToken);
    } catch {
      return { refusal: 'invalid-id-token' };
    }
    if (typeof payload.nonce !== 'string' || !sameString(payload.nonce, nonce))
      return { refusal: 'nonce-mismatch' };
    const email = payload.email;
    // Federated providers may send `email_verified` as a string; absent means the provider vouches.
    const verified: unknown = payload.email_verified;
    if (verified !== undefined && verified !== true && verified !== 'true')
      return { refusal: 'no-verified-email' };
    if (typeof email !== 'string' || !looksLikeEmailAddress(email)) return { refusal: 'no-verified-email' };
    return { email: normaliseAddress(email) };
  };

  return {
    loginPath: OIDC_PATHS.login,
    publicPaths: [OIDC_PATHS.login, OIDC_PATHS.callback, OIDC_PATHS.signedOut],
    afterSignOut: logout.toString(),
    register(app, session) {
      app.get(OIDC_PATHS.login, (c) => {
        if (c.get('session').caseworker !== null) return c.redirect('/triage', 303);
        const state = randomToken();
        const nonce = randomToken();
        const codeVerifier = randomToken();
        session.keepPending(c, {
          state,
          nonce,
          codeVerifier,
          startedAt: String(Math.floor(Date.now() / 1000)),
        });
        const authorize = new URL(`${hostedUi}/oauth2/authorize`);
        authorize.search = new URLSearchParams({
          response_type: 'code',
          client_id: settings.clientId,
          redirect_uri: settings.redirectUri,
          scope: 'openid email',
          state,
          nonce,
          code_challenge: base64url(createHash('sha256').update(codeVerifier).digest()),
          code_challenge_method: 'S256',
          ...(settings.identityProvider === undefined
            ? {}
            : { identity_provider: settings.identityProvider }),
        }).toString();
        return c.redirect(authorize.toString(), 302);
      });

      app.get(OIDC_PATHS.callback, async (c) => {
        const pending = c.get('session').pendingSignIn;
        const clear = (): void => session.keepPending(c, null);
        if (
          pending?.state === undefined ||
          pending.nonce === undefined ||
          pending.codeVerifier === undefined ||
          Number(pending.startedAt) + PENDING_SECONDS < Date.now() / 1000
        )
          return refuse(c, 'no-pending-sign-in', clear);
        const state = c.req.query('state') ?? '';
        if (!sameString(state, pending.state)) return refuse(c, 'state-mismatch', clear);
        const code = c.req.query('code');
        if (c.req.query('error') !== undefined || code === undefined || code === '')
          return refuse(c, 'provider-error', clear);

        let idToken: unknown;
        try {
          const response = await doFetch(`${hostedUi}/oauth2/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
            body: new URLSearchParams({
              grant_type: 'authorization_code',
              client_id: settings.clientId,
              code,
              redirect_uri: settings.redirectUri,
              code_verifier: pending.codeVerifier,
            }).toString(),
            signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
          });
          if (!response.ok) return refuse(c, 'token-exchange-failed', clear);
          idToken = ((await response.json()) as { id_token?: unknown }).id_token;
        } catch {
          return refuse(c, 'token-exchange-failed', clear);
        }
        if (typeof idToken !== 'string') return refuse(c, 'token-exchange-failed', clear);

        const result = await verifiedEmail(idToken, pending.nonce);
        if ('refusal' in result) return refuse(c, result.refusal, clear);
        return session.signIn(c, result.email, '/triage');
      });

      app.get(OIDC_PATHS.signedOut, (c) =>
        c.html(
          page(
            { title: 'Abgemeldet', caseworker: null, csrf: c.get('session').csrf, waiting: null },
            html`<h1>Sie sind abgemeldet</h1>
              <p>Ihre Sitzung in der Sachbearbeitung ist beendet.</p>
              <p><a href="${OIDC_PATHS.login}">Wieder anmelden</a></p>`,
          ).value,
        ),
      );
    },
  };
}
