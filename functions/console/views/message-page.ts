import type { CaseLogEntry } from '../../domain/case-log.ts';
import { html, multiline, type Html } from '../html.ts';
import { formatDateTime } from '../format.ts';
import { page, type PageFrame } from './layout.ts';

/** One email of a case, readable in the page (its text only; files are on the case page). */
export function messagePage(
  frame: PageFrame,
  view: {
    reference: string;
    entry: CaseLogEntry;
    read: { text: string; attachments: string[] } | null;
    originalHref: string;
  },
  timeZone: string,
): Html {
  const { entry } = view;
  return page(
    frame,
    html`<p>
        <a href="/cases/${encodeURIComponent(view.reference)}">Zurück zum Vorgang ${view.reference}</a>
      </p>
      <h1>${entry.subject ?? '(ohne Betreff)'}</h1>
      <dl class="facts">
        <dt>${entry.direction === 'in' ? 'Eingegangen' : 'Gesendet'}</dt>
        <dd>${formatDateTime(entry.at, timeZone)}</dd>
        <dt>Von</dt>
        <dd>${entry.from ?? '–'}</dd>
        <dt>An</dt>
        <dd>${entry.to.join(', ')}</dd>
      </dl>
      ${
        view.read === null
          ? html`<p class="warning">Das Original ist nicht (mehr) gespeichert.</p>`
          : html`<h2>Text</h2>
              <div class="words">${multiline(view.read.text)}</div>
              ${
                view.read.attachments.length > 0
                  ? html`<h2>Anhänge</h2>
                      <ul>
                        ${view.read.attachments.map((a) => html`<li>${a}</li>`)}
                      </ul>`
                  : html``
              }
              <p><a href="${view.originalHref}" hx-boost="false">Original-E-Mail (.eml) herunterladen</a></p>`
      }`,
  );
}
