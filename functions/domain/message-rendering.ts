import Mustache from 'mustache';
import type { CaseLanguage } from './case-file.ts';
import { displayText } from './display-text.ts';
import type { MessageKind } from './outbound-message.ts';
import { de } from './templates/de.ts';
import { en } from './templates/en.ts';
import type { MessageTemplates } from './templates/template-types.ts';

/**
 * Turns a template into the text and the HTML of an email, from the same source: German first
 * (binding), then the courtesy translation in the case's language when that is not German.
 */
const TEMPLATES: Readonly<Record<CaseLanguage, MessageTemplates>> = { de, en };

/** Values for a template: strings, and lists of records for `{{#list}}` sections. */
export type TemplateView = Readonly<
  Record<string, string | number | boolean | null | readonly Record<string, string>[]>
>;

/** A view that differs by language (e.g. checklist labels), or one for all languages. */
export type LocalisedView = TemplateView | ((language: CaseLanguage) => TemplateView);

function viewFor(view: LocalisedView, language: CaseLanguage): TemplateView {
  return typeof view === 'function' ? view(language) : view;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Every value put into a message is made safe to read first (control characters, escape
 * sequences and bidi overrides shown, never interpreted by the reader's mail program); values
 * that must stay on one line (file names, subjects, addresses) are made so by their view.
 */
const plain = { escape: (value: unknown): string => displayText(String(value)) };
const html = { escape: (value: unknown): string => Mustache.escape(displayText(String(value))) };

function renderText(template: string, view: TemplateView): string {
  return Mustache.render(template, view, {}, plain)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** HTML from the same template: values escaped by Mustache, then paragraphs and lists marked up. */
function renderHtml(template: string, view: TemplateView): string {
  const escaped = Mustache.render(template, view, {}, html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return escaped
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => l.startsWith('- '))) {
        return `<ul>${lines.map((l) => `<li>${l.slice(2)}</li>`).join('')}</ul>`;
      }
      return `<p>${lines.join('<br>')}</p>`;
    })
    .join('\n');
}

const COURTESY_NOTE: Readonly<Record<Exclude<CaseLanguage, 'de'>, string>> = {
  en: 'English (courtesy translation; the German text above is binding)',
};

/**
 * Renders one kind of message. `language` is the case's language; German always comes first.
 * The subject carries the case reference in brackets when there is one, so replies keep it.
 */
export function renderMessage(
  kind: MessageKind,
  language: CaseLanguage,
  localisedView: LocalisedView,
): RenderedMessage {
  const german = TEMPLATES.de[kind];
  const courtesy = language === 'de' ? null : TEMPLATES[language][kind];
  const view = viewFor(localisedView, 'de');
  const courtesyView = viewFor(localisedView, language);
  const reference = typeof view.caseReference === 'string' ? `[${view.caseReference}] ` : '';
  const subjects = [
    renderText(german.subject, view),
    ...(courtesy ? [renderText(courtesy.subject, courtesyView)] : []),
  ];
  const subject = `${reference}${[...new Set(subjects)].join(' / ')}`.replace(/\s+/g, ' ').trim();

  let text = renderText(german.body, view);
  let html = `<div lang="de">\n${renderHtml(german.body, view)}\n</div>`;
  if (courtesy !== null && language !== 'de') {
    const note = COURTESY_NOTE[language];
    text += `\n\n----------\n${note}:\n\n${renderText(courtesy.body, courtesyView)}`;
    html += `\n<hr>\n<div lang="${language}">\n<p><em>${note}</em></p>\n${renderHtml(courtesy.body, courtesyView)}\n</div>`;
  }
  return {
    subject,
    text: `${text}\n`,
    html: `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${Mustache.escape(subject)}</title></head><body>\n${html}\n</body></html>\n`,
  };
}

/** The variable names a template uses (for the test that every template gets all of them). */
export function templateVariables(kind: MessageKind, language: CaseLanguage): string[] {
  const names = new Set<string>();
  const visit = (tokens: unknown[], prefix: string): void => {
    for (const token of tokens as [string, string, number, number, unknown[]?][]) {
      const [type, name, , , children] = token;
      if (type === 'name' || type === '&') names.add(prefix + name);
      if ((type === '#' || type === '^') && Array.isArray(children)) {
        names.add(prefix + name);
        visit(children, type === '#' ? `${prefix}${name}.` : prefix);
      }
    }
  };
  const template = TEMPLATES[language][kind];
  visit(Mustache.parse(template.subject), '');
  visit(Mustache.parse(template.body), '');
  return [...names].sort();
}
