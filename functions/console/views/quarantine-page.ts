import { describeHoldReason } from '../../domain/read-problems.ts';
import type { CaseFileToHandOut } from '../../use-cases/hand-out-document.ts';
import { html, type Html } from '../html.ts';
import { formatSize, kindOf } from '../format.ts';
import { csrfField, page, type PageFrame } from './layout.ts';

/**
 * The explicit warning before a quarantined file is handed out: why it was held, that it is not
 * shown in the console, and a confirmation to download it anyway. A malware finding: no download.
 */
export function quarantineWarningPage(
  frame: PageFrame,
  view: {
    reference: string | null;
    messageId?: string;
    sha256: string;
    file: CaseFileToHandOut;
    refused: boolean;
  },
): Html {
  const back = view.reference === null ? '/triage' : `/cases/${encodeURIComponent(view.reference)}`;
  const action =
    view.reference === null
      ? `/triage/${encodeURIComponent(view.messageId ?? '')}/files/${view.sha256}/download`
      : `/cases/${encodeURIComponent(view.reference)}/documents/${view.sha256}/download`;
  return page(
    frame,
    html`<h1>Zurückgehaltene Datei: ${view.file.filename ?? '(ohne Namen)'}</h1>
      <p class="meta">
        ${kindOf(view.file.detectedType)}, ${formatSize(view.file.size)} · SHA-256 ${view.sha256}
      </p>
      <div class="${view.refused ? 'danger-box' : 'warning'}" role="alert">
        <p><strong>Grund:</strong> ${describeHoldReason(view.file.holdReason)}</p>
        ${
          view.refused
            ? html`<p>
                Die Prüfung hat Schadsoftware gefunden. Diese Datei wird nicht herausgegeben. Bitte
                informieren Sie die IT-Sicherheit.
              </p>`
            : html`<p>
                Die Datei wird in der Konsole nicht angezeigt. Öffnen Sie sie nur, wenn Sie sie wirklich
                brauchen, und nur auf einem dafür vorgesehenen Rechner. Der Download wird mit Ihrem Namen im
                Vorgang vermerkt.
              </p>`
        }
      </div>
      ${
        view.refused
          ? html``
          : html`<form method="post" action="${action}" hx-boost="false">
              ${csrfField(frame.csrf)}
              <div class="field">
                <label class="check" for="confirm"
                  ><input id="confirm" type="checkbox" name="confirm" value="yes" required /> Ich habe die
                  Warnung gelesen und lade die Datei trotzdem herunter.</label
                >
              </div>
              <button type="submit" class="danger">Trotzdem herunterladen</button>
            </form>`
      }
      <p><a href="${back}">Zurück</a></p>`,
  );
}
