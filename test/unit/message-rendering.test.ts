import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_LANGUAGES, type CaseLanguage } from '../../functions/domain/case-file.ts';
import {
  messageArguments,
  renderMessage,
  type TemplateView,
  type ViewValue,
} from '../../functions/domain/message-rendering.ts';
import type { MessageKind } from '../../functions/domain/outbound-message.ts';
import { GERMAN } from '../../functions/domain/templates/languages.ts';

const KINDS = Object.keys(GERMAN.messages) as MessageKind[];
const APPOINTMENT = new Date('2027-04-15T08:00:00Z');

/**
 * A value for every argument a message uses in German and in the language: texts that name
 * themselves, lists with two entries, dates, counts. `given: false` leaves every optional
 * value out (empty lists, null texts) to render the other branches.
 */
function fullView(
  kind: MessageKind,
  language: CaseLanguage,
  given = true,
): { view: TemplateView; values: string[] } {
  const view: Record<string, ViewValue> = {};
  const values: string[] = [];
  for (const source of [messageArguments(kind, 'de'), messageArguments(kind, language)]) {
    for (const [name, uses] of source.arguments) {
      if (source.lists.includes(name)) {
        const fields = source.items[name];
        const entries =
          fields === undefined
            ? [`${name}-1-value`, `${name}-2-value`]
            : [1, 2].map((n) => Object.fromEntries(fields.map((f) => [f, `${name}-${f}-${n}-value`])));
        if (given) values.push(...entries.flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))));
        view[name] = given ? entries : [];
      } else if (uses.has('date')) {
        view[name] = uses.has('select') && !given ? null : APPOINTMENT;
      } else if (uses.has('count') || uses.has('number')) {
        view[name] = 15;
      } else if (uses.has('select') && !uses.has('text')) {
        view[name] = given ? 'today' : 'later';
      } else {
        const optional = uses.has('select');
        view[name] = optional && !given ? null : `${name}-value`;
        if (!optional || given) values.push(`${name}-value`);
      }
    }
  }
  return { view, values };
}

const NOT_RENDERED = /[{}\uE000-\uE003]|undefined|NaN|\[object/;

describe('renderMessage', () => {
  for (const kind of KINDS) {
    for (const language of CASE_LANGUAGES) {
      it(`renders ${kind} for a case in ${language} with every variable filled, and with the optional ones left out`, () => {
        const { view, values } = fullView(kind, language);
        const rendered = renderMessage(kind, language, view);
        for (const part of [rendered.subject, rendered.text, rendered.html])
          assert.doesNotMatch(part, NOT_RENDERED);
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
        const translated = language !== 'de' && !kind.startsWith('caseworker-');
        assert.equal(rendered.html.includes(`<div lang="${language}" dir=`), translated || language === 'de');
        assert.equal(/§ 23/.test(rendered.text), translated, 'the binding note exactly with a translation');

        const without = renderMessage(kind, language, fullView(kind, language, false).view);
        for (const part of [without.subject, without.text, without.html])
          assert.doesNotMatch(part, NOT_RENDERED);
        assert.doesNotMatch(without.html, /<ul><\/ul>|<p><\/p>/);
      });
    }
  }

  it('caseworker mail is German only, whatever the language asked for', () => {
    const { view } = fullView('caseworker-notification', 'de');
    const rendered = renderMessage('caseworker-notification', 'ar', view);
    assert.doesNotMatch(rendered.html, /lang="ar"|§ 23/);
  });

  it('shows the heading of a list once, however many entries, and none without entries', () => {
    const { view } = fullView('caseworker-notification', 'de');
    const two = renderMessage('caseworker-notification', 'de', {
      ...view,
      held: [
        { filename: 'a.exe', reason: 'ausführbare Datei' },
        { filename: 'b.docm', reason: 'Makro' },
      ],
      readProblems: [{ text: 'Erstens.' }, { text: 'Zweitens.' }],
      sesMessageId: 'ses-0001',
    });
    const none = renderMessage('caseworker-notification', 'de', {
      ...view,
      documents: [],
      held: [],
      readProblems: [],
    });

    assert.equal(two.text.split('Zurückgehalten').length - 1, 1);
    assert.match(two.text, /- a\.exe: ausführbare Datei\n- b\.docm: Makro/);
    assert.equal(two.text.split('Nicht vollständig gelesen').length - 1, 1);
    assert.match(two.text, /SES-Nachrichten-ID ses-0001\):\n\n- Erstens\.\n- Zweitens\./);
    assert.doesNotMatch(none.text, /Zurückgehalten|Nicht vollständig gelesen/);
    assert.match(none.text, /Neue Unterlagen:\n\n- keine\n/);
  });

  it('puts the binding German text first and the English translation after it', () => {
    const { view } = fullView('query', 'en');
    const { text } = renderMessage('query', 'en', view);
    assert.ok(text.indexOf('Guten Tag') < text.indexOf('Dear'));
    assert.ok(text.indexOf('Unten folgt eine Übersetzung (Englisch)') < text.indexOf('courtesy translation'));
  });

  it('escapes values in the HTML but not in the plain text', () => {
    const { view } = fullView('query', 'de');
    const rendered = renderMessage('query', 'de', { ...view, applicantName: '<b>Ayşe & Co</b>' });
    assert.match(rendered.text, /Guten Tag <b>Ayşe & Co<\/b>,/);
    assert.match(rendered.html, /Guten Tag <bdi>&lt;b&gt;Ayşe &amp; Co&lt;\/b&gt;<\/bdi>,/);
    assert.doesNotMatch(rendered.html, /<b>Ayşe/);
  });

  it('renders list items as a list in the HTML', () => {
    const { html } = renderMessage('query', 'de', {
      ...fullView('query', 'de').view,
      missing: ['Gültiger Reisepass', 'Biometrisches Passfoto'],
    });
    assert.match(
      html,
      /<ul><li><bdi>Gültiger Reisepass<\/bdi><\/li><li><bdi>Biometrisches Passfoto<\/bdi><\/li><\/ul>/,
    );
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
    assert.equal(text.split('Bitte bestätigen Sie Ihre neue Anschrift.').length - 1, 2);
    assert.match(text, /Aktenzeichen caseReference-value/);
    assert.match(text, /case reference caseReference-value/);
  });

  it('a query with missing items lists them, with the caseworker’s note', () => {
    const { text } = renderMessage('query', 'de', {
      ...fullView('query', 'de').view,
      missing: ['Gültiger Reisepass'],
      caseworkerText: 'Seite 2 fehlt.',
    });
    assert.match(
      text,
      /fehlt noch folgende Unterlage:\n\n- Gültiger Reisepass\n\nHinweis Ihrer Sachbearbeitung: Seite 2 fehlt\./,
    );
  });

  it('uses each language’s own labels when the view differs by language', () => {
    const base = fullView('query', 'tr').view;
    const { text } = renderMessage('query', 'tr', (language) => ({
      ...base,
      missing: [language === 'de' ? 'Mietvertrag' : 'Kira sözleşmesi'],
    }));
    assert.match(text, /- Mietvertrag[\s\S]*- Kira sözleşmesi/);
  });
});
