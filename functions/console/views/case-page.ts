import type { CaseDocument } from '../../domain/case-file.ts';
import type { CaseActivity } from '../../domain/case-activity.ts';
import type { ScheduledAppointment } from '../../domain/decision.ts';
import { describeHoldReason, NOT_SCANNED_NOTE } from '../../domain/read-problems.ts';
import type { CaseView } from '../../use-cases/show-case.ts';
import { checklistFor } from '../../domain/checklist.ts';
import { html, type Html } from '../html.ts';
import {
  ACTIVITY_LABELS,
  formatDateTime,
  formatSize,
  INLINE_TYPES,
  kindOf,
  localDateAndTime,
  STATUS_LABELS,
} from '../format.ts';
import { csrfField, page, type PageFrame } from './layout.ts';

export interface CasePageView {
  readonly view: CaseView;
  readonly activity: readonly CaseActivity[];
  readonly appointment: ScheduledAppointment | null;
  readonly decisionsAvailable: boolean;
  readonly now: Date;
}

const LANGUAGES: Readonly<Record<string, string>> = { de: 'Deutsch', en: 'Englisch' };

function documentBlock(
  ref: string,
  d: CaseDocument,
  items: CaseView['checklist'],
  csrf: string,
  n: string,
  timeZone: string,
): Html {
  const href = `/cases/${encodeURIComponent(ref)}/documents/${d.sha256}`;
  const name = d.filename ?? '(ohne Namen)';
  const preview =
    d.detectedType === 'application/pdf'
      ? html`<iframe
          class="preview"
          src="${href}?ansicht=1"
          title="Vorschau: ${name}"
          loading="lazy"
        ></iframe>`
      : d.detectedType !== null && INLINE_TYPES.has(d.detectedType)
        ? html`<img class="preview-image" src="${href}?ansicht=1" alt="Vorschau: ${name}" loading="lazy" />`
        : html`<p class="meta">Keine Vorschau für diesen Dateityp; bitte herunterladen.</p>`;
  return html`<div class="card document">
    <h4>${name}</h4>
    <p class="meta">
      ${kindOf(d.detectedType)}, ${formatSize(d.size)} · eingegangen
      ${formatDateTime(d.receivedAt, timeZone)}${d.malwareScan === 'not-scanned' ? html` · <span class="badge warn">${NOT_SCANNED_NOTE}</span>` : ''}
    </p>
    <details>
      <summary>Vorschau anzeigen<span class="visually-hidden">: ${name}</span></summary>
      ${preview}
    </details>
    <p><a href="${href}" hx-boost="false" aria-label="Herunterladen: ${name}">Herunterladen</a></p>
    <form
      method="post"
      action="/cases/${encodeURIComponent(ref)}/documents/${d.sha256}/move"
      class="inline-fields"
    >
      ${csrfField(csrf)}
      <div class="field">
        <label for="move-${n}">Verschieben nach</label>
        <select id="move-${n}" name="item">
          <option value="none" ${d.checklistItem === null ? html` selected` : ''}>(keinem Punkt)</option>
          ${items.map((i) => html`<option value="${i.id}" ${i.id === d.checklistItem ? html` selected` : ''}>${i.label.de}</option>`)}
        </select>
      </div>
      <button type="submit" class="secondary">Verschieben</button>
    </form>
  </div>`;
}

export function casePage(frame: PageFrame, data: CasePageView, timeZone: string): Html {
  const { view } = data;
  const c = view.case;
  const ref = c.reference;
  const base = `/cases/${encodeURIComponent(ref)}`;
  const csrf = frame.csrf;
  const closed = c.status === 'closed';
  const byItem = new Map<string | null, CaseDocument[]>();
  for (const d of view.documents) byItem.set(d.checklistItem, [...(byItem.get(d.checklistItem) ?? []), d]);
  const unassigned = byItem.get(null) ?? [];
  const held = view.log.flatMap((e) => e.held.map((h) => ({ ...h, entry: e })));
  const suggestion = localDateAndTime(new Date(data.now.getTime() + 7 * 24 * 3600 * 1000), timeZone);

  const checklist = html`<ul class="checklist">
      ${view.checklist.map(
        (item, i) =>
          html`<li>
            <h3>
              ${item.fulfilled ? '☑' : '☐'} ${item.label.de}${item.required ? '' : ' (optional)'}
              <span class="visually-hidden">${item.fulfilled ? '(erledigt)' : '(offen)'}</span>
            </h3>
            ${item.manual === undefined ? html`` : html`<p class="meta">Von Hand ${item.manual.fulfilled ? 'abgehakt' : 'als offen markiert'} von ${item.manual.by} am ${formatDateTime(item.manual.at, timeZone)}: „${item.manual.note}“</p>`}
            ${(byItem.get(item.id) ?? []).map((d, n) => documentBlock(ref, d, view.checklist, csrf, `${i}-${n}`, timeZone))}
            ${
              closed
                ? html``
                : html`<details>
                    <summary>
                      ${item.fulfilled ? 'Haken entfernen' : 'Von Hand abhaken'}<span class="visually-hidden"
                        >: ${item.label.de}</span
                      >
                    </summary>
                    <form
                      method="post"
                      action="${base}/checklist/${encodeURIComponent(item.id)}"
                      class="inline-fields"
                    >
                      ${csrfField(csrf)}
                      <input type="hidden" name="fulfilled" value="${item.fulfilled ? 'no' : 'yes'}" />
                      <div class="field">
                        <label for="note-${i}">Notiz (warum)</label
                        ><input id="note-${i}" name="note" required />
                      </div>
                      <button type="submit" class="secondary">
                        ${item.fulfilled ? 'Haken entfernen' : 'Abhaken'}
                      </button>
                    </form>
                  </details>`
            }
          </li>`,
      )}
    </ul>
    ${
      unassigned.length > 0
        ? html`<h3>Keinem Punkt zugeordnet</h3>
            ${unassigned.map((d, n) => documentBlock(ref, d, view.checklist, csrf, `u-${n}`, timeZone))}`
        : html``
    }`;

  const heldList =
    held.length === 0
      ? html``
      : html`<h2>Zurückgehaltene Dateien</h2>
          <ul>
            ${held.map(
              (h) =>
                html`<li>
                  ${
                    h.sha256 !== undefined && h.location
                      ? html`<a href="${base}/documents/${h.sha256}">${h.filename ?? '(ohne Namen)'}</a>`
                      : html`${h.filename ?? '(ohne Namen)'}`
                  } <span class="badge bad">zurückgehalten</span> ${describeHoldReason(h.reason)}
                  <span class="meta">(E-Mail vom ${formatDateTime(h.entry.at, timeZone)})</span>
                </li>`,
            )}
          </ul>`;

  const history = html`<h2>Verlauf der E-Mails</h2>
    ${
      view.log.length === 0
        ? html`<p>Noch keine E-Mails.</p>`
        : html`<table>
            <caption class="visually-hidden">
              E-Mails des Vorgangs
            </caption>
            <thead>
              <tr>
                <th scope="col">Wann</th>
                <th scope="col">Richtung</th>
                <th scope="col">Betreff</th>
                <th scope="col">Von / An</th>
                <th scope="col">Vermerk</th>
              </tr>
            </thead>
            <tbody>
              ${view.log.map((e) => {
                const href = `${base}/messages/${e.direction}/${encodeURIComponent(e.messageId)}`;
                const readable = e.direction === 'in' || e.raw !== undefined;
                return html`<tr>
                  <td>${formatDateTime(e.at, timeZone)}</td>
                  <td>${e.direction === 'in' ? 'Eingang' : 'Ausgang'}</td>
                  <td>
                    ${readable ? html`<a href="${href}">${e.subject ?? '(ohne Betreff)'}</a>` : html`${e.subject ?? '(ohne Betreff)'}`}
                  </td>
                  <td>${e.direction === 'in' ? (e.from ?? '–') : e.to.join(', ')}</td>
                  <td>
                    ${e.note}${readable ? html` · <a href="${href}?original=1" hx-boost="false">.eml</a>` : ''}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
    }`;

  const activity = html`<h2>Bearbeitung</h2>
    ${
      data.activity.length === 0
        ? html`<p>Noch nichts bearbeitet.</p>`
        : html`<ul>
            ${data.activity.map(
              (a) =>
                html`<li>
                  ${formatDateTime(a.at, timeZone)} – ${ACTIVITY_LABELS[a.kind] ?? a.kind} –
                  ${a.caseworker}${a.detail === null ? '' : html`: ${a.detail}`}
                </li>`,
            )}
          </ul>`
    }`;

  const decisions =
    closed || !data.decisionsAvailable
      ? html`<p>
          ${closed ? 'Der Vorgang ist abgeschlossen.' : 'Entscheidungen sind hier nicht eingerichtet.'}
        </p>`
      : html`<div class="actions">
          <form method="post" action="${base}/query" class="card">
            ${csrfField(csrf)}
            <h3>Rückfrage senden</h3>
            <fieldset>
              <legend>Angefragte Unterlagen</legend>
              ${view.checklist.map((item, i) => html`<label class="check" for="q-item-${i}"><input id="q-item-${i}" type="checkbox" name="items" value="${item.id}" ${view.missing.includes(item.id) ? html` checked` : ''} /> ${item.label.de}${view.missing.includes(item.id) ? ' (fehlt)' : ''}</label>`)}
              <p class="meta">
                Fehlende Pflichtunterlagen nennt die Rückfrage immer; weitere angehakte werden in Ihrem Text
                nachgefragt.
              </p>
            </fieldset>
            <div class="field">
              <label for="q-text">Ihr Text</label
              ><textarea id="q-text" name="text" rows="4" required></textarea>
            </div>
            <button type="submit">Rückfrage senden</button>
          </form>
          <form method="post" action="${base}/invitation/preview" class="card">
            ${csrfField(csrf)}
            <h3>${data.appointment === null ? 'Einladen' : 'Termin verlegen'}</h3>
            ${data.appointment === null ? html`` : html`<p>Aktueller Termin: <strong>${formatDateTime(data.appointment.appointmentAt, timeZone)} Uhr</strong></p>`}
            <div class="inline-fields">
              <div class="field">
                <label for="inv-date">Datum</label
                ><input id="inv-date" name="date" type="date" required value="${suggestion.date}" />
              </div>
              <div class="field">
                <label for="inv-time">Uhrzeit (${timeZone})</label
                ><input id="inv-time" name="time" type="time" required value="09:30" />
              </div>
            </div>
            <button type="submit">Vorschau der E-Mail</button>
          </form>
          ${
            data.appointment === null
              ? html``
              : html`<form method="post" action="${base}/cancel" class="card">
                  ${csrfField(csrf)}
                  <h3>Termin absagen</h3>
                  <p>Die antragstellende Person erhält eine Absage mit Kalender-Storno.</p>
                  <button type="submit" class="danger">Termin absagen</button>
                </form>`
          }
        </div>`;

  return page(
    frame,
    html`<h1>Vorgang ${ref}</h1>
      <dl class="card facts">
        <dt>Antragstellende Person</dt>
        <dd>${c.applicantName}</dd>
        <dt>Anliegen</dt>
        <dd>${checklistFor(c.requestType)?.label.de ?? c.requestType}</dd>
        <dt>Sprache</dt>
        <dd>${LANGUAGES[c.language] ?? c.language}</dd>
        <dt>Kontakte</dt>
        <dd>${c.contacts.join(', ')}</dd>
        <dt>Status</dt>
        <dd>${STATUS_LABELS[c.status] ?? c.status}</dd>
        <dt>Zuständig</dt>
        <dd>${c.caseworker}</dd>
      </dl>
      <h2>Checkliste</h2>
      ${checklist} ${heldList}
      <h2>Entscheiden</h2>
      ${decisions} ${history} ${activity}
      ${
        closed
          ? html``
          : html`<h2>Abschließen</h2>
              <form method="post" action="${base}/close" class="inline-fields">
                ${csrfField(csrf)}
                <div class="field">
                  <label for="close-note">Vermerk</label><input id="close-note" name="note" />
                </div>
                <button type="submit" class="danger">Vorgang abschließen</button>
              </form>`
      }`,
  );
}
