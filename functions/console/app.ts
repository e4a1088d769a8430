import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { ConsoleEnv } from './context.ts';
import type { ConsoleDeps } from './deps.ts';
import {
  assertSessionKey,
  csrfMatches,
  newCsrfToken,
  openSession,
  sealSession,
  type Session,
} from './session.ts';
import { CONSOLE_CSS, htmxScript } from './assets.ts';
import { html } from './html.ts';
import { page } from './views/layout.ts';
import { registerTriageRoutes } from './routes/triage.ts';
import { registerCaseListRoutes } from './routes/case-list.ts';
import { registerCaseRoutes } from './routes/case-page.ts';
import { registerCaseActionRoutes } from './routes/case-actions.ts';
import { registerDocumentRoutes } from './routes/documents.ts';

const TEN_HOURS = 10 * 3600;

/** Pages answer with this: no cache may keep them (they show personal data). */
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; object-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
} as const;

/** Tools the routes share: the session, notices after a redirect, the page frame. */
export interface ConsoleKit {
  readonly deps: ConsoleDeps;
  now(): Date;
  /** POST-redirect-GET: a 303 to `path` with a notice shown once there. */
  redirect(c: Context<ConsoleEnv>, path: string, notice?: { kind: 'ok' | 'error'; text: string }): Response;
  /** The notice left by the last redirect (shown once). */
  takeNotice(c: Context<ConsoleEnv>): { kind: 'ok' | 'error'; text: string } | null;
  /** How many emails wait in the Eingang (shown on every page). */
  waiting(): Promise<number>;
}

/**
 * The caseworker console: server-rendered pages (German) over the intake's use cases. Built by
 * this factory from its ports, so `npm start` and the Lambda handler run the same app.
 * Every page and file needs a signed-in session except the sign-in method's own paths; every
 * POST must carry the session's CSRF token.
 */
export function createConsoleApp(deps: ConsoleDeps): Hono<ConsoleEnv> {
  assertSessionKey(deps.sessionKey);
  const now = deps.now ?? (() => new Date());
  const sessionSeconds = deps.sessionSeconds ?? TEN_HOURS;
  const htmx = htmxScript();
  const app = new Hono<ConsoleEnv>();

  const secure = (c: Context<ConsoleEnv>): boolean =>
    deps.secureCookies ?? new URL(c.req.url).protocol === 'https:';
  // `__Host-` binds the cookie to this host and path `/`, and browsers accept it only with Secure.
  const cookieName = (c: Context<ConsoleEnv>): string =>
    secure(c) ? '__Host-intake-session' : 'intake-session';
  const store = (c: Context<ConsoleEnv>, session: Session): void => {
    c.set('session', session);
    setCookie(c, cookieName(c), sealSession(session, deps.sessionKey), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(c),
      path: '/',
      maxAge: Math.max(0, session.expires - Math.floor(now().getTime() / 1000)),
    });
  };
  const fresh = (caseworker: string | null): Session => ({
    caseworker,
    csrf: newCsrfToken(),
    expires: Math.floor(now().getTime() / 1000) + sessionSeconds,
  });

  const kit: ConsoleKit = {
    deps,
    now,
    redirect(c, path, notice) {
      if (notice !== undefined) store(c, { ...c.get('session'), notice });
      // htmx follows redirects itself; a 303 makes the browser GET the page either way.
      return c.redirect(path, 303);
    },
    takeNotice(c) {
      const { notice, ...rest } = c.get('session');
      if (notice === undefined) return null;
      store(c, rest);
      return notice;
    },
    async waiting() {
      return (await deps.useCases.triage.list()).length;
    },
  };

  // Sign-out may continue at the identity provider, and browsers apply form-action to a form's
  // redirects too: that one origin is allowed as well.
  const afterSignOut = deps.signIn.afterSignOut ?? '';
  const signOutOrigin = /^https?:\/\//.test(afterSignOut) ? new URL(afterSignOut).origin : null;
  const pageHeaders: Record<string, string> =
    signOutOrigin === null
      ? PAGE_HEADERS
      : {
          ...PAGE_HEADERS,
          'Content-Security-Policy': PAGE_HEADERS['Content-Security-Policy'].replace(
            "form-action 'self'",
            `form-action 'self' ${signOutOrigin}`,
          ),
        };
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(pageHeaders))
      if (!c.res.headers.has(name)) c.header(name, value);
  });

  app.get('/assets/htmx.min.js', (c) =>
    c.body(htmx, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
  app.get('/assets/console.css', (c) =>
    c.body(CONSOLE_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  // The session: the cookie's, or a new one (signed out, with a CSRF token for the sign-in form).
  app.use('*', async (c, next) => {
    const session = openSession(getCookie(c, cookieName(c)), deps.sessionKey, now());
    if (session === null) store(c, fresh(null));
    else c.set('session', session);
    await next();
  });

  // Every POST carries the session's token, from a form field or htmx's header.
  const withoutCsrf = new Set(deps.signIn.withoutCsrf ?? []);
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !withoutCsrf.has(c.req.path)) {
      const type = c.req.header('content-type') ?? '';
      const form =
        type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')
          ? await c.req.parseBody()
          : {};
      const token = c.req.header('x-csrf-token') ?? form._csrf;
      if (!csrfMatches(c.get('session'), token)) {
        const body = page(
          { title: 'Abgelaufen', caseworker: null, csrf: c.get('session').csrf, waiting: null },
          html`<h1>Das Formular ist abgelaufen</h1>
            <p>Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.</p>
            <p><a href="/triage">Zum Eingang</a></p>`,
        );
        return c.html(body.value, 403);
      }
    }
    await next();
  });

  // Signed out, only the sign-in method's own paths answer; everything else sends there.
  const publicPaths = new Set(deps.signIn.publicPaths);
  app.use('*', async (c, next) => {
    const caseworker = c.get('session').caseworker;
    if (caseworker !== null) {
      c.set('caseworker', caseworker);
      return next();
    }
    if (publicPaths.has(c.req.path)) return next();
    const target = deps.signIn.loginPath;
    if (c.req.header('hx-request') === 'true') {
      c.header('HX-Redirect', target);
      return c.body(null, 401);
    }
    return c.redirect(target, 303);
  });

  deps.signIn.register(app, {
    signIn(c, caseworker, next = '/triage') {
      // A new token at sign-in: one seen before it (on a shared machine) is worth nothing after.
      store(c, fresh(caseworker));
      return c.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/triage', 303);
    },
    keepPending(c, pending) {
      const { pendingSignIn: _dropped, ...rest } = c.get('session');
      store(c, pending === null ? rest : { ...rest, pendingSignIn: pending });
    },
  });

  app.post('/logout', (c) => {
    deleteCookie(c, cookieName(c), { path: '/', secure: secure(c) });
    store(c, fresh(null));
    return c.redirect(deps.signIn.afterSignOut ?? deps.signIn.loginPath, 303);
  });

  app.get('/', (c) => c.redirect('/triage', 303));
  registerTriageRoutes(app, kit);
  registerCaseListRoutes(app, kit);
  registerDocumentRoutes(app, kit);
  registerCaseActionRoutes(app, kit);
  registerCaseRoutes(app, kit);

  app.notFound((c) => {
    const session = c.get('session');
    const body = page(
      {
        title: 'Nicht gefunden',
        caseworker: session?.caseworker ?? null,
        csrf: session?.csrf ?? '',
        waiting: null,
      },
      html`<h1>Nicht gefunden</h1>
        <p>Diese Seite gibt es nicht (mehr).</p>
        <p><a href="/cases">Zu den Vorgängen</a></p>`,
    );
    return c.html(body.value, 404);
  });

  app.onError((error, c) => {
    // Name only: messages of unexpected errors can quote personal data.
    console.error(`console: ${c.req.method} request failed: ${error.name}`);
    const session = c.get('session');
    const body = page(
      { title: 'Fehler', caseworker: session?.caseworker ?? null, csrf: session?.csrf ?? '', waiting: null },
      html`<h1>Etwas ist schiefgegangen</h1>
        <p>
          Die Aktion wurde nicht ausgeführt. Bitte versuchen Sie es noch einmal; bleibt der Fehler, melden Sie
          ihn der IT.
        </p>`,
    );
    return c.html(body.value, 500);
  });

  return app;
}
