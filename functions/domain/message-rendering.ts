import { OFFICE_TIME_ZONE } from './decision.ts';
import {
  escapeHtml,
  formatTemplate,
  markedToHtml,
  markedToInlineHtml,
  markedToText,
  templateArguments,
  templateLists,
  type MarkedText,
  type TemplateView,
  type Usage,
} from './message-format.ts';
import type { MessageKind } from './outbound-message.ts';
import { GERMAN, localeOf, translationOf, type CaseLanguage } from './templates/languages.ts';
import type { MessageTemplate, Translation } from './templates/message-types.ts';

export type { TemplateView, ViewValue } from './message-format.ts';

/**
 * Turns a message into the text and the HTML of an email, from the same source: German first
 * (binding), then the courtesy translation in the case's language when that is not German, each
 * saying that only the German text is binding. Caseworker mail is German only.
 */

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

/** A case reference is read and typed in one piece: never broken across lines. */
const KEEP_TOGETHER = ['caseReference'];

export interface RenderOptions {
  /** The office's IANA time zone: every date and time in the email is local time there. */
  readonly timeZone?: string;
}

interface Part {
  readonly language: CaseLanguage;
  readonly direction: 'ltr' | 'rtl';
  readonly subject: string;
  readonly body: MarkedText;
  readonly notice: MarkedText | null;
}

function courtesyTemplate(translation: Translation | null, kind: MessageKind): MessageTemplate | null {
  if (translation === null || !Object.hasOwn(translation.messages, kind)) return null;
  return translation.messages[kind as keyof Translation['messages']];
}

/**
 * Renders one kind of message. `language` is the case's language; German always comes first.
 * The subject carries the case reference in brackets when there is one, so replies keep it.
 * Values are made safe to read first (control characters, escapes and bidi overrides shown,
 * never interpreted); in the HTML each value and date stands in `<bdi>`, so a Latin reference
 * keeps its reading order in Arabic text.
 */
export function renderMessage(
  kind: MessageKind,
  language: CaseLanguage,
  localisedView: LocalisedView,
  options: RenderOptions = {},
): RenderedMessage {
  const timeZone = options.timeZone ?? OFFICE_TIME_ZONE;
  const translation = translationOf(language);
  const courtesy = courtesyTemplate(translation, kind);
  const german = GERMAN.messages[kind];
  const view = viewFor(localisedView, 'de');
  const format = (template: MessageTemplate, on: TemplateView, locale: string) => ({
    subject: markedToText(formatTemplate(template.subject, on, { locale, timeZone }), { isolate: false }),
    body: formatTemplate(template.body, on, {
      locale,
      timeZone,
      items: template.items ?? {},
      keepTogether: KEEP_TOGETHER,
    }),
  });

  const parts: Part[] = [
    {
      language: 'de',
      direction: 'ltr',
      ...format(german, view, GERMAN.locale),
      notice:
        courtesy === null
          ? null
          : formatTemplate(
              GERMAN.notice,
              { language: new Intl.DisplayNames('de', { type: 'language' }).of(language) ?? language },
              { locale: GERMAN.locale, timeZone },
            ),
    },
  ];
  if (translation !== null && courtesy !== null) {
    const locale = localeOf(language);
    parts.push({
      language,
      direction: translation.direction,
      ...format(courtesy, viewFor(localisedView, language), locale),
      notice: formatTemplate(translation.notice, {}, { locale, timeZone }),
    });
  }

  const reference = typeof view.caseReference === 'string' ? `[${view.caseReference}] ` : '';
  const subject = `${reference}${[...new Set(parts.map((p) => p.subject))].join(' / ')}`
    .replace(/\s+/g, ' ')
    .trim();
  return { subject, text: `${renderText(parts)}\n`, html: renderHtml(subject, parts) };
}

function renderText(parts: readonly Part[]): string {
  return parts
    .map((part, index) => {
      const isolate = part.direction === 'rtl';
      const body = markedToText(part.body, { isolate });
      const notice = part.notice === null ? null : markedToText(part.notice, { isolate });
      // German: the note that a translation follows comes after the text; the translation
      // opens with its own note, below a rule.
      if (index === 0) return notice === null ? body : `${body}\n\n${notice}`;
      return `----------\n${notice ?? ''}\n\n${body}`;
    })
    .join('\n\n');
}

/**
 * Webmail strips `<html>` and `<body>`, so each language's wrapper `<div>` carries its own `lang`
 * and `dir`.
 */
function renderHtml(subject: string, parts: readonly Part[]): string {
  const sections = parts.map((part, index) => {
    const notice = part.notice === null ? '' : `<p><em>${markedToInlineHtml(part.notice)}</em></p>`;
    const body = markedToHtml(part.body);
    const content = index === 0 ? [body, notice] : [notice, body];
    return `<div lang="${part.language}" dir="${part.direction}">\n${content.filter((c) => c !== '').join('\n')}\n</div>`;
  });
  return (
    `<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(subject)}</title></head><body>\n${sections.join('\n<hr>\n')}\n</body></html>\n`
  );
}

/** What a message needs from its view, in one language: its arguments, lists and list fields. */
export interface MessageArguments {
  /** Argument name → how the subject or body uses it. */
  readonly arguments: ReadonlyMap<string, ReadonlySet<Usage>>;
  /** Lists shown as `- {name}` lines. */
  readonly lists: readonly string[];
  /** The fields of one entry of a list of records, by list. */
  readonly items: Readonly<Record<string, readonly string[]>>;
}

/** The arguments a message uses in a language (none when the language has no such message). */
export function messageArguments(kind: MessageKind, language: CaseLanguage): MessageArguments {
  const template =
    language === 'de' ? GERMAN.messages[kind] : courtesyTemplate(translationOf(language), kind);
  if (template === null) return { arguments: new Map(), lists: [], items: {} };
  const merged = new Map<string, Set<Usage>>();
  for (const source of [template.subject, template.body]) {
    for (const [name, uses] of templateArguments(source)) {
      merged.set(name, new Set([...(merged.get(name) ?? []), ...uses]));
    }
  }
  const items = Object.fromEntries(
    Object.entries(template.items ?? {}).map(([list, item]) => [
      list,
      [...templateArguments(item).keys()].sort(),
    ]),
  );
  return { arguments: merged, lists: templateLists(template.body), items };
}
