import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseLanguage } from '../../functions/domain/case-file.ts';
import {
  renderMessage,
  templateVariables,
  type TemplateView,
} from '../../functions/domain/message-rendering.ts';
import type { MessageKind } from '../../functions/domain/outbound-message.ts';

const KINDS: readonly MessageKind[] = [
  'query',
  'query-reminder',
  'invitation',
  'invitation-reminder',
  'invitation-cancelled',
  'triage-reply',
  'caseworker-notification',
  'caseworker-query-unanswered',
  'caseworker-undeliverable',
  'case-opened',
  'submission-received',
  'file-complete',
  'triage-received',
  'triage-question',
  'caseworker-submissions',
  'triage-digest',
];
const LANGUAGES: readonly CaseLanguage[] = ['de', 'en'];

/**
 * A value for every variable a template uses: lists get one entry with a value per field. A
 * section on `list.length` (a heading shown once, when the list has entries) is no field; the
 * variables inside it are the view's own.
 */
function fullView(kind: MessageKind, language: CaseLanguage): { view: TemplateView; values: string[] } {
  const names = new Set(
    [...templateVariables(kind, 'de'), ...templateVariables(kind, language)]
      .map((name) => name.split('.length.').at(-1)!)
      .filter((name) => !name.endsWith('.length')),
  );
  const view: Record<string, string | Record<string, string>[]> = {};
  const values: string[] = [];
  for (const name of [...names].filter((n) => !n.includes('.'))) {
    const fields = [...names].filter((n) => n.startsWith(`${name}.`)).map((n) => n.slice(name.length + 1));
    if (fields.length > 0) {
      const entry = Object.fromEntries(fields.map((f) => [f, `${name}-${f}-value`]));
      values.push(...Object.values(entry));
      view[name] = [entry];
    } else {
      view[name] = `${name}-value`;
      values.push(`${name}-value`);
    }
  }
  return { view, values };
}

describe('renderMessage', () => {
  for (const kind of KINDS) {
    for (const language of LANGUAGES) {
      it(`renders ${kind} for a case in ${language} with every variable filled`, () => {
        const { view, values } = fullView(kind, language);
        const rendered = renderMessage(kind, language, view);
        for (const part of [rendered.subject, rendered.text, rendered.html])
          assert.doesNotMatch(part, /\{\{|\}\}/);
        for (const value of values) {
          assert.ok(
            rendered.text.includes(value) || rendered.subject.includes(value),
            `${value} in the text`,
          );
          assert.ok(
            rendered.html.includes(value) || rendered.subject.includes(value),
            `${value} in the HTML`,
          );
        }
        if (typeof view.caseReference === 'string')
          assert.ok(rendered.subject.startsWith(`[${view.caseReference}] `));
        const courtesy = /courtesy translation/.test(rendered.text);
        assert.equal(
          courtesy,
          language !== 'de',
          'a courtesy translation exactly when the case is not German',
        );
      });
    }
  }

  it('shows the heading of a list once, however many entries, and none without entries', () => {
    const { view } = fullView('caseworker-notification', 'de');
    const two = renderMessage('caseworker-notification', 'de', {
      ...view,
      held: [
        { filename: 'a.exe', reason: 'executable' },
        { filename: 'b.docm', reason: 'macro' },
      ],
      readProblems: [{ text: 'Erstens.' }, { text: 'Zweitens.' }],
      sesMessageId: 'ses-0001',
    });
    const none = renderMessage('caseworker-notification', 'de', { ...view, held: [], readProblems: [] });

    assert.equal(two.text.split('Zurückgehalten').length - 1, 1);
    assert.match(two.text, /- a\.exe: executable\n- b\.docm: macro/);
    assert.equal(two.text.split('Nicht vollständig gelesen').length - 1, 1);
    assert.match(two.text, /SES-Nachrichten-ID ses-0001\):\n\n- Erstens\.\n- Zweitens\./);
    assert.doesNotMatch(none.text, /Zurückgehalten|Nicht vollständig gelesen/);
  });

  it('puts the binding German text first and the English translation after it', () => {
    const { view } = fullView('query', 'en');
    const { text } = renderMessage('query', 'en', view);
    assert.ok(text.indexOf('Guten Tag') < text.indexOf('Dear'));
  });

  it('escapes values in the HTML but not in the plain text', () => {
    const { view } = fullView('query', 'de');
    const rendered = renderMessage('query', 'de', { ...view, applicantName: '<b>Ayşe & Co</b>' });
    assert.match(rendered.text, /Guten Tag <b>Ayşe & Co<\/b>,/);
    assert.match(rendered.html, /Guten Tag &lt;b&gt;Ayşe &amp; Co&lt;&#x2F;b&gt;,/);
    assert.doesNotMatch(rendered.html, /<b>Ayşe/);
  });

  it('renders list items as a list in the HTML', () => {
    const { html } = renderMessage('query', 'de', {
      ...fullView('query', 'de').view,
      missing: [{ label: 'Gültiger Reisepass' }, { label: 'Biometrisches Passfoto' }],
    });
    assert.match(html, /<ul><li>Gültiger Reisepass<\/li><li>Biometrisches Passfoto<\/li><\/ul>/);
  });

  it('a query with nothing missing carries only the caseworker’s text, in both languages', () => {
    const base = fullView('query', 'en').view;
    const { text, html } = renderMessage('query', 'en', {
      ...base,
      missing: [],
      caseworkerText: 'Bitte bestätigen Sie Ihre neue Anschrift.',
    });
    assert.doesNotMatch(text, /fehlen noch|Unterlagen als PDF|still need|attach the documents/);
    assert.doesNotMatch(html, /<ul>|fehlen noch/);
    assert.match(text, /Bitte bestätigen Sie Ihre neue Anschrift\./);
    assert.equal(text.split('Bitte bestätigen Sie Ihre neue Anschrift.').length - 1, 2);
    assert.match(text, /Aktenzeichen caseReference-value/);
    assert.match(text, /case reference caseReference-value/);
  });

  it('a query with missing items lists them, with the caseworker’s note', () => {
    const { text } = renderMessage('query', 'de', {
      ...fullView('query', 'de').view,
      missing: [{ label: 'Gültiger Reisepass' }],
      caseworkerText: 'Seite 2 fehlt.',
    });
    assert.match(
      text,
      /fehlen noch folgende Unterlagen:\n\n- Gültiger Reisepass\n\nHinweis Ihrer Sachbearbeitung: Seite 2 fehlt\./,
    );
  });

  it('uses each language’s own labels when the view differs by language', () => {
    const base = fullView('query', 'en').view;
    const { text } = renderMessage('query', 'en', (language) => ({
      ...base,
      missing: [{ label: language === 'de' ? 'Mietvertrag' : 'Rental contract' }],
    }));
    assert.match(text, /- Mietvertrag[\s\S]*- Rental contract/);
  });
});
