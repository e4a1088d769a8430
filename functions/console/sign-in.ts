import type { Context, Hono } from 'hono';
import type { ConsoleEnv } from './context.ts';
import { html } from './html.ts';
import { csrfField, page } from './views/layout.ts';
import { looksLikeEmailAddress, normaliseAddress } from '../domain/case-file.ts';

/** What a sign-in method may do with the session: start it for a caseworker it has identified. */
export interface SessionControl {
  /** Starts a signed-in session (new CSRF token) and answers with a redirect to `next`. */
  signIn(c: Context<ConsoleEnv>, caseworker: string, next?: string): Response;
  /** Keeps (or with null drops) what the method needs again when the browser returns. */
  keepPending(c: Context<ConsoleEnv>, pending: Readonly<Record<string, string>> | null): void;
}

/**
 * A way to sign in. It registers its own routes (public: reachable signed out) under the paths it
 * names; everything else of the console needs a session. Locally: localSignIn. On AWS: an
 * OpenID Connect code flow (Cognito), registering e.g. GET /login (redirect to the identity
 * provider, state and nonce in the pre-sign-in session) and GET /auth/callback.
 */
export interface SignIn {
  /** Where a signed-out visitor is sent. */
  readonly loginPath: string;
  /** Paths (exact) reachable without a session; loginPath among them. */
  readonly publicPaths: readonly string[];
  /**
   * Paths (exact) whose POST needs no CSRF token: only the local sign-in, whose contract is a
   * plain `POST /login` with `email` (it asks for no password, so a forged one gains nothing).
   */
  readonly withoutCsrf?: readonly string[];
  /**
   * Where the browser goes after the console's own sign-out: an identity provider's logout, so
   * its session ends too (else the next visit signs straight in again). Default: loginPath.
   */
  readonly afterSignOut?: string;
  register(app: Hono<ConsoleEnv>, session: SessionControl): void;
}

/**
 * The local sign-in (contract): `POST /login` with form field `email` signs in as that
 * caseworker, no password. Only for `npm start` on one's own machine; the page says so.
 */
export function localSignIn(): SignIn {
  return {
    loginPath: '/login',
    publicPaths: ['/login'],
    withoutCsrf: ['/login'],
    register(app, session) {
      app.get('/login', (c) => c.html(loginPage(c.get('session').csrf, null).value));
      app.post('/login', async (c) => {
        const form = await c.req.parseBody();
        const email = typeof form.email === 'string' ? form.email.trim() : '';
        if (!looksLikeEmailAddress(email))
          return c.html(loginPage(c.get('session').csrf, 'Bitte eine E-Mail-Adresse angeben.').value, 400);
        return session.signIn(c, normaliseAddress(email), '/triage');
      });
    },
  };
}

function loginPage(csrf: string, error: string | null) {
  return page(
    {
      title: 'Anmelden',
      caseworker: null,
      csrf,
      waiting: null,
      notice: error === null ? null : { kind: 'error', text: error },
    },
    html`<h1>Anmelden</h1>
      <p class="warning">
        <strong>Nur lokal:</strong> Diese Anmeldung ohne Passwort gibt es nur in der lokalen Umgebung (<code
          >npm start</code
        >). Im Betrieb melden Sie sich über das Konto der Stadt an.
      </p>
      <form method="post" action="/login">
        ${csrfField(csrf)}
        <div class="field">
          <label for="email">Ihre dienstliche E-Mail-Adresse</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
        </div>
        <button type="submit">Anmelden</button>
      </form>`,
  );
}
