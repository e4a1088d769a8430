import { html, type Html } from '../html.ts';

export interface PageFrame {
  readonly title: string;
  /** Signed-in caseworker; null on the sign-in page. */
  readonly caseworker: string | null;
  readonly csrf: string;
  /** Waiting emails (shown in the navigation on every page). */
  readonly waiting: number | null;
  /** Which navigation entry is the current page. */
  readonly current?: 'triage' | 'cases' | null;
  /** A short confirmation or error to show at the top. */
  readonly notice?: { readonly kind: 'ok' | 'error'; readonly text: string } | null;
}

/** A hidden field with the session's CSRF token: every form carries it. */
export const csrfField = (csrf: string): Html => html`<input type="hidden" name="_csrf" value="${csrf}" />`;

/**
 * Every page: skip link, navigation with the count of waiting emails, sign-out. htmx (served by the
 * console itself) boosts links and forms; without JavaScript they work as plain links and forms.
 */
export function page(frame: PageFrame, body: Html): Html {
  const nav =
    frame.caseworker === null
      ? html``
      : html`<nav aria-label="Hauptnavigation">
          <ul>
            <li>
              <a href="/triage" ${frame.current === 'triage' ? html` aria-current="page"` : ''}
                >Eingang <span class="count" id="waiting-count">${frame.waiting ?? '?'}</span
                ><span class="visually-hidden"> wartende E-Mails</span></a
              >
            </li>
            <li>
              <a href="/cases" ${frame.current === 'cases' ? html` aria-current="page"` : ''}>Vorgänge</a>
            </li>
          </ul>
          <form method="post" action="/logout" class="signout">
            ${csrfField(frame.csrf)}
            <span>Angemeldet: ${frame.caseworker}</span>
            <button type="submit">Abmelden</button>
          </form>
        </nav>`;
  const notice =
    frame.notice === null || frame.notice === undefined
      ? html``
      : html`<div
          class="notice ${frame.notice.kind}"
          role="${frame.notice.kind === 'error' ? 'alert' : 'status'}"
        >
          ${frame.notice.text}
        </div>`;
  return html`<!DOCTYPE html>
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          name="htmx-config"
          content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'
        />
        <title>${frame.title} – Posteingang Ausländerbehörde</title>
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/htmx.min.js" defer></script>
      </head>
      <body hx-boost="true">
        <a class="skip" href="#inhalt">Zum Inhalt springen</a>
        <header>
          <p class="brand">Posteingang Ausländerbehörde</p>
          ${nav}
        </header>
        <main id="inhalt" tabindex="-1">${notice} ${body}</main>
      </body>
    </html>`;
}
