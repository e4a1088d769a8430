import type { TriageEntry } from '../../domain/triage.ts';
import type { InboundAttachment } from '../../domain/inbound-email.ts';
import { describeHoldReason, describeReadProblems, NOT_SCANNED_NOTE } from '../../domain/read-problems.ts';
import { checklistFor, REQUEST_TYPES } from '../../domain/checklist.ts';
import { html, multiline, type Html } from '../html.ts';
import { formatDateTime, formatSize, kindOf, TRIAGE_REASON_LABELS } from '../format.ts';
import { csrfField, page, type PageFrame } from './layout.ts';

const path = (...parts: string[]): string => `/${parts.map(encodeURIComponent).join('/')}`;

function verdictBadge(entry: TriageEntry): Html {
  const email = entry.email!;
  const { spf, dkim, dmarc } = email.verdicts;
  return email.senderVerified
    ? html`<span class="badge ok">Absender bestätigt</span>
        <span class="meta">(SPF ${spf}, DKIM ${dkim}, DMARC ${dmarc})</span>`
    : html`<span class="badge bad">Absender NICHT bestätigt</span>
        <span class="meta">(SPF ${spf}, DKIM ${dkim}, DMARC ${dmarc})</span>`;
}

function sender(entry: TriageEntry): Html {
  const email = entry.email!;
  if (email.from !== null) return html`<strong>${email.from}</strong>`;
  if (email.fromAddresses.length > 0)
    return html`<strong>unklar</strong> (${email.senderAmbiguity ?? 'kein eindeutiger Absender'}:
      ${email.fromAddresses.join(', ')})`;
  return html`<strong>keine Absenderadresse</strong>`;
}

function fileLine(entry: TriageEntry, file: InboundAttachment): Html {
  const link =
    file.location === null
      ? html`${file.filename ?? '(ohne Namen)'}`
      : html`<a href="${path('triage', entry.messageId, 'files', file.sha256)}"
          >${file.filename ?? '(ohne Namen)'}</a
        >`;
  const state = file.accepted
    ? file.malwareScan === 'not-scanned'
      ? html`<span class="badge warn">${NOT_SCANNED_NOTE}</span>`
      : html`<span class="badge ok">geprüft</span>`
    : html`<span class="badge bad">zurückgehalten</span> ${describeHoldReason(file.reason)}`;
  return html`<li>
    ${link} <span class="meta">– ${kindOf(file.detectedType)}, ${formatSize(file.size)}</span> ${state}
  </li>`;
}

function actions(entry: TriageEntry, i: number, csrf: string): Html {
  const id = `t${i}`;
  const email = entry.email;
  const base = path('triage', entry.messageId);
  const retry =
    entry.reason === 'processing-error'
      ? html`<form method="post" action="${base}/retry">
          ${csrfField(csrf)}<button type="submit">Erneut verarbeiten</button>
        </form>`
      : html``;
  const assign =
    email === undefined
      ? html``
      : html`<form method="post" action="${base}/assign" class="card">
            ${csrfField(csrf)}
            <h3>Einem Vorgang zuordnen</h3>
            <div class="field">
              <label for="${id}-ref">Aktenzeichen</label>
              <input
                id="${id}-ref"
                name="reference"
                required
                list="${id}-suggested"
                value="${entry.suggestedCases[0] ?? ''}"
                autocomplete="off"
              />
              <datalist id="${id}-suggested">
                ${entry.suggestedCases.map((r) => html`<option value="${r}"></option>`)}
              </datalist>
            </div>
            ${
              email.from === null
                ? html`<p class="meta">
                    Kein eindeutiger Absender: er kann nicht als Kontakt hinzugefügt werden.
                  </p>`
                : html`<div class="field">
                    <label class="check" for="${id}-contact"
                      ><input id="${id}-contact" type="checkbox" name="addContact" value="yes" /> Absender
                      ${email.from} als Kontakt hinzufügen</label
                    >
                  </div>`
            }
            <button type="submit">Zuordnen</button>
          </form>
          <form method="post" action="${base}/open-case" class="card">
            ${csrfField(csrf)}
            <h3>Neuen Vorgang anlegen</h3>
            <div class="field">
              <label for="${id}-name">Name der antragstellenden Person</label
              ><input id="${id}-name" name="name" required autocomplete="off" />
            </div>
            <div class="field">
              <label for="${id}-email">E-Mail-Adresse (Kontakt)</label
              ><input
                id="${id}-email"
                name="email"
                type="email"
                value="${email.from ?? ''}"
                autocomplete="off"
              />
            </div>
            <div class="inline-fields">
              <div class="field">
                <label for="${id}-lang">Sprache</label
                ><select id="${id}-lang" name="language">
                  <option value="de">Deutsch</option>
                  <option value="en">Englisch</option>
                </select>
              </div>
              <div class="field">
                <label for="${id}-type">Anliegen</label
                ><select id="${id}-type" name="type">
                  ${REQUEST_TYPES.map((t) => html`<option value="${t}">${checklistFor(t)?.label.de ?? t}</option>`)}
                </select>
              </div>
            </div>
            <button type="submit">Vorgang anlegen und zuordnen</button>
          </form>`;
  return html`<details>
    <summary>Bearbeiten</summary>
    <div class="actions">
      ${assign}
      <form method="post" action="${base}/dismiss" class="card">
        ${csrfField(csrf)}
        <h3>Verwerfen</h3>
        <div class="field">
          <label for="${id}-reason">Grund</label
          ><textarea id="${id}-reason" name="reason" rows="2" required></textarea>
        </div>
        <button type="submit" class="danger">Verwerfen</button>
      </form>
      ${retry}
    </div>
  </details>`;
}

function entryCard(entry: TriageEntry, i: number, csrf: string, timeZone: string): Html {
  const email = entry.email;
  const held =
    entry.reason === 'processing-error'
      ? html` <span class="meta">(${entry.detail ?? 'Fehler'}; Läufe: ${entry.attempts ?? 1})</span>`
      : html``;
  const problems = describeReadProblems(email?.readProblems ?? []);
  return html`<article class="card" aria-labelledby="t${i}-title">
    <h2 id="t${i}-title">${email?.subject ?? '(ohne Betreff)'}</h2>
    <p>
      <span class="meta">Eingegangen</span> ${formatDateTime(entry.receivedAt, timeZone)} ·
      <span class="meta">Wartet, weil:</span>
      <strong>${TRIAGE_REASON_LABELS[entry.reason] ?? entry.reason}</strong>${held}
    </p>
    ${email === undefined ? html`<p>Die E-Mail wurde angehalten, bevor sie gelesen werden konnte.</p>` : html`<p><span class="meta">Von</span> ${sender(entry)} ${verdictBadge(entry)}</p>`}
    ${entry.suggestedCases.length > 0 ? html`<p><span class="meta">Vorgeschlagen:</span> ${entry.suggestedCases.map((r, n) => html`${n > 0 ? ', ' : ''}<a href="${path('cases', r)}">${r}</a>`)}</p>` : html``}
    ${
      email !== undefined && email.text.trim() !== ''
        ? html`<h3>Eigene Worte (ohne Zitate)</h3>
            <div class="words">${multiline(email.text)}</div>`
        : html``
    }
    ${
      email !== undefined && email.attachments.length > 0
        ? html`<h3>Dateien</h3>
            <ul>
              ${email.attachments.map((a) => fileLine(entry, a))}
            </ul>`
        : html``
    }
    ${
      problems.length > 0
        ? html`<ul class="warning">
            ${problems.map((p) => html`<li>${p}</li>`)}
          </ul>`
        : html``
    }
    <p class="meta">Nachrichten-ID ${entry.messageId}</p>
    ${actions(entry, i, csrf)}
  </article>`;
}

export function triagePage(frame: PageFrame, entries: readonly TriageEntry[], timeZone: string): Html {
  return page(
    frame,
    html`<h1>
        Eingang
        <span class="meta"
          >(${entries.length} ${entries.length === 1 ? 'wartende E-Mail' : 'wartende E-Mails'})</span
        >
      </h1>
      ${entries.length === 0 ? html`<p>Keine E-Mail wartet. Alles zugeordnet.</p>` : entries.map((e, i) => entryCard(e, i, frame.csrf, timeZone))}`,
  );
}
