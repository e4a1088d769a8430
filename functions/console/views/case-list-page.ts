import type { CaseFile, CaseStatus } from '../../domain/case-file.ts';
import { html, type Html } from '../html.ts';
import { CASE_STATUSES, formatDate, STATUS_LABELS } from '../format.ts';
import { page, type PageFrame } from './layout.ts';

export interface CaseListView {
  readonly status: CaseStatus;
  readonly mine: boolean;
  readonly search: string;
  readonly cases: readonly CaseFile[];
  readonly next: string | null;
  readonly first: boolean;
}

export function caseListPage(frame: PageFrame, view: CaseListView, timeZone: string): Html {
  const query = (after: string | null): string => {
    const params = new URLSearchParams({ status: view.status });
    if (view.mine) params.set('mine', '1');
    if (after !== null) params.set('after', after);
    return `/cases?${params.toString()}`;
  };
  const heading = view.search !== '' ? `Suche: „${view.search}“` : STATUS_LABELS[view.status];
  return page(
    frame,
    html`<h1>Vorgänge</h1>
      <form method="get" action="/cases" class="inline-fields" role="search">
        <div class="field">
          <label for="status">Status</label>
          <select id="status" name="status">
            ${CASE_STATUSES.map((s) => html`<option value="${s}" ${s === view.status ? html` selected` : ''}>${STATUS_LABELS[s]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label class="check" for="mine"
            ><input id="mine" type="checkbox" name="mine" value="1" ${view.mine ? html` checked` : ''} /> Nur
            meine</label
          >
        </div>
        <div class="field">
          <label for="q">Suche (Aktenzeichen, Name oder E-Mail-Adresse)</label>
          <input id="q" name="q" type="search" value="${view.search}" />
        </div>
        <button type="submit">Anzeigen</button>
      </form>
      <h2>${heading} <span class="meta">(${view.cases.length}${view.next !== null ? '+' : ''})</span></h2>
      ${
        view.cases.length === 0
          ? html`<p>Keine Vorgänge gefunden.</p>`
          : html`<table>
              <caption class="visually-hidden">
                ${heading}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Aktenzeichen</th>
                  <th scope="col">Name</th>
                  <th scope="col">Anliegen</th>
                  <th scope="col">Status</th>
                  <th scope="col">Zuständig</th>
                  <th scope="col">Angelegt</th>
                </tr>
              </thead>
              <tbody>
                ${view.cases.map(
                  (c) =>
                    html`<tr>
                      <td><a href="/cases/${encodeURIComponent(c.reference)}">${c.reference}</a></td>
                      <td>${c.applicantName}</td>
                      <td>${c.checklist.label.de}</td>
                      <td>${STATUS_LABELS[c.status] ?? c.status}</td>
                      <td>${c.caseworker}</td>
                      <td>${formatDate(c.openedAt, timeZone)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <nav class="pager" aria-label="Seiten">
        ${view.first ? html`` : html`<a href="${query(null)}">Zur ersten Seite</a>`}
        ${view.next === null ? html`` : html`<a href="${query(view.next)}">Nächste Seite</a>`}
      </nav>`,
  );
}
