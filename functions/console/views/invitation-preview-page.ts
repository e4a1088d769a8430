import type { DecisionPreview } from '../../use-cases/preview-decision.ts';
import { html, multiline, type Html } from '../html.ts';
import { csrfField, page, type PageFrame } from './layout.ts';

/** The invitation as the applicant will read it; it goes only when the caseworker sends it here. */
export function invitationPreviewPage(
  frame: PageFrame,
  view: { reference: string; at: string; preview: DecisionPreview },
): Html {
  const base = `/cases/${encodeURIComponent(view.reference)}`;
  return page(
    frame,
    html`<p><a href="${base}">Zurück zum Vorgang ${view.reference}</a></p>
      <h1>Einladung prüfen</h1>
      <p>
        Termin:
        <strong id="appointment">${view.preview.appointment}</strong
        >${view.preview.replaces === null ? '' : html` (ersetzt ${view.preview.replaces})`}
      </p>
      ${view.preview.note === null ? html`` : html`<p class="warning">${view.preview.note}</p>`}
      <h2>Betreff</h2>
      <p>${view.preview.message.subject}</p>
      <h2>Text der E-Mail</h2>
      <div class="mail-preview">${multiline(view.preview.message.text)}</div>
      <p class="meta">Dazu eine Kalenderdatei (Termin.ics).</p>
      <form method="post" action="${base}/invitation">
        ${csrfField(frame.csrf)}
        <input type="hidden" name="at" value="${view.at}" />
        <button type="submit">Einladung senden</button>
        <a class="button secondary" href="${base}">Abbrechen</a>
      </form>`,
  );
}
