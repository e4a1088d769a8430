import { IntlMessageFormat } from 'intl-messageformat';
import { displayText } from './display-text.ts';

/**
 * Formats one ICU MessageFormat template (see templates/message-types.ts for its conventions)
 * into text that still knows where each value stands, so that the plain text and the HTML can
 * treat values apart from the template's own words: values escaped and isolated (`<bdi>`) in the
 * HTML, Unicode isolates around them in right-to-left plain text, lists as lists.
 */

/** A value a template can use. */
export type ViewScalar = string | number | boolean | Date | null;
/** One entry of a list: a text, or a record read through the template's `items` entry. */
export type ViewEntry = string | Readonly<Record<string, ViewScalar>>;
export type ViewValue = ViewScalar | readonly ViewEntry[];
export type TemplateView = Readonly<Record<string, ViewValue>>;

// Private-use characters mark values in the formatted text: they never occur in a template and a
// value's own text is kept in a table, never inside the marked text.
const VALUE = '\uE000';
const LIST = '\uE001';
const END = '\uE002';
const DATE = '\uE003';
const MARKS = /[\uE000-\uE003]/;

type TableEntry =
  | { readonly kind: 'value'; readonly text: string; readonly keepTogether?: boolean }
  | { readonly kind: 'list'; readonly name: string; readonly entries: readonly ViewEntry[] };

/** A formatted template: text with marks where values stand, and the values. */
export interface MarkedText {
  readonly marked: string;
  readonly table: readonly TableEntry[];
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/** How a template uses an argument: as text, a date, a number, a select's key or a count. */
export type Usage = 'text' | 'date' | 'number' | 'select' | 'count';

// The AST's element types (TYPE in @formatjs/icu-messageformat-parser).
const ARGUMENT = 1;
const NUMBER = 2;
const DATE_ELEMENT = 3;
const TIME = 4;
const SELECT = 5;
const PLURAL = 6;

/**
 * A select or plural reads its own value (`none`/`true`/the text; a count), so it gets its own
 * argument name: `{missing, plural, …}` counts the list that `- {missing}` shows.
 */
const SELECT_SUFFIX = ':select';
const COUNT_SUFFIX = ':count';

interface Compiled {
  readonly format: IntlMessageFormat;
  readonly usage: ReadonlyMap<string, ReadonlySet<Usage>>;
}

/** Date styles by the locale's own conventions (CLDR), e.g. German medium "15.04.2027". */
const FORMATS = {
  date: {
    short: { dateStyle: 'short' },
    medium: { dateStyle: 'medium' },
    long: { dateStyle: 'long' },
    full: { dateStyle: 'full' },
    appointment: { dateStyle: 'full', timeStyle: 'short' },
  },
  time: {
    short: { timeStyle: 'short' },
  },
} as const;

/** Dates are formatted in the office's time zone and marked, so the HTML can isolate them. */
function formatters(timeZone: string) {
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  return {
    getNumberFormat: (locales?: string | string[], options?: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat(locales, options),
    getPluralRules: (locales?: string | string[], options?: Intl.PluralRulesOptions) =>
      new Intl.PluralRules(locales, options),
    getDateTimeFormat: (locales?: string | string[], options?: Intl.DateTimeFormatOptions) => {
      const key = JSON.stringify([locales, options]);
      let format = dateFormats.get(key);
      if (format === undefined) {
        // ICU's default styles are merged under ours; a dateStyle/timeStyle of ours stands alone.
        const styled = options?.dateStyle !== undefined || options?.timeStyle !== undefined;
        const own = styled ? { dateStyle: options?.dateStyle, timeStyle: options?.timeStyle } : options;
        format = new Intl.DateTimeFormat(locales, { ...own, timeZone });
        dateFormats.set(key, format);
      }
      const inner = format;
      return { format: (date: Date) => `${DATE}${inner.format(date)}${END}` } as Intl.DateTimeFormat;
    },
  };
}

/** Walks the AST: records how each argument is used and renames select and plural arguments. */
function rename(elements: Ast, usage: Map<string, Set<Usage>>): Ast {
  const use = (name: string, how: Usage): void => {
    const set = usage.get(name) ?? new Set<Usage>();
    set.add(how);
    usage.set(name, set);
  };
  return elements.map((element) => {
    if (element.type === ARGUMENT) use(element.value, 'text');
    if (element.type === NUMBER) use(element.value, 'number');
    if (element.type === DATE_ELEMENT || element.type === TIME) use(element.value, 'date');
    if (element.type === SELECT || element.type === PLURAL) {
      const plural = element.type === PLURAL;
      use(element.value, plural ? 'count' : 'select');
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: rename(option.value, usage) },
        ]),
      );
      return {
        ...element,
        value: element.value + (plural ? COUNT_SUFFIX : SELECT_SUFFIX),
        options,
      } as typeof element;
    }
    return element;
  }) as Ast;
}

const compiled = new Map<string, Compiled>();

function compile(template: string, locale: string, timeZone: string): Compiled {
  const key = `${locale}\u0000${timeZone}\u0000${template}`;
  const known = compiled.get(key);
  if (known !== undefined) return known;
  if (MARKS.test(template)) throw new Error('A template may not contain private-use characters');
  const options = { ignoreTag: true, formatters: formatters(timeZone) };
  const parsed = new IntlMessageFormat(template, locale, FORMATS, options).getAst();
  const usage = new Map<string, Set<Usage>>();
  const ast = rename(parsed, usage);
  for (const [name, uses] of usage) {
    if (uses.has('text') && (uses.has('date') || uses.has('number')))
      throw new Error(`{${name}} is used both as text and as a date or number`);
  }
  const result = { format: new IntlMessageFormat(ast, locale, FORMATS, options), usage };
  compiled.set(key, result);
  return result;
}

/** The arguments a template uses, and how. */
export function templateArguments(template: string): ReadonlyMap<string, ReadonlySet<Usage>> {
  return compile(template, 'en', 'UTC').usage;
}

/** The lists a template shows (`- {name}` lines). */
export function templateLists(template: string): string[] {
  return [...template.matchAll(/^- \{(\w+)\}$/gm)].map((m) => m[1]!);
}

/** How a select reads a value: `none` for nothing, `true`/`false` for a flag, else the text. */
function selectKey(value: ViewValue): string {
  if (value === null || value === '' || value === false) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : 'some';
  if (value === true) return 'true';
  return String(value);
}

function rawValue(name: string, value: ViewValue): number | Date {
  if (value instanceof Date || typeof value === 'number') return value;
  if (typeof value === 'string') {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new TypeError(`{${name}} needs a date or a number`);
}

/** What a plural counts: a list's entries, or a number (a date or other text is a mistake). */
function countOf(name: string, value: ViewValue): number {
  if (typeof value === 'number') return value;
  throw new TypeError(`{${name}, plural, …} counts a list or a number, not ${JSON.stringify(value)}`);
}

interface Context {
  /** Values never broken across lines (a case reference must be read and typed in one piece). */
  readonly keepTogether: ReadonlySet<string>;
  readonly locale: string;
  readonly timeZone: string;
  readonly items: Readonly<Record<string, string>>;
  readonly table: TableEntry[];
}

function simpleValue(name: string, value: ViewValue, context: Context): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) {
    context.table.push({ kind: 'list', name, entries: value });
    return `${LIST}${context.table.length - 1}${END}`;
  }
  if (value instanceof Date) throw new TypeError(`{${name}} is a date: write {${name}, date, medium}`);
  const text =
    typeof value === 'number' ? new Intl.NumberFormat(context.locale).format(value) : String(value);
  context.table.push({ kind: 'value', text, keepTogether: context.keepTogether.has(name) });
  return `${VALUE}${context.table.length - 1}${END}`;
}

function formatInto(template: string, view: TemplateView, context: Context): string {
  const { format, usage } = compile(template, context.locale, context.timeZone);
  const values: Record<string, string | number | Date> = {};
  for (const [name, uses] of usage) {
    // A value the view lacks is left out: ICU reports it missing, by name.
    if (!Object.hasOwn(view, name)) continue;
    const value = view[name]!;
    if (uses.has('text')) values[name] = simpleValue(name, value, context);
    // A date in a branch not taken may be null; taken, ICU reports it missing.
    if ((uses.has('date') || uses.has('number')) && value !== null) values[name] = rawValue(name, value);
    if (uses.has('select')) values[name + SELECT_SUFFIX] = selectKey(value);
    if (uses.has('count'))
      values[name + COUNT_SUFFIX] = Array.isArray(value) ? value.length : countOf(name, value);
  }
  const formatted = String(format.format(values));
  return expandLists(formatted, context);
}

const LIST_LINE = new RegExp(`^- ${LIST}(\\d+)${END}$`);

/** A line `- {list}` becomes one line per entry; an empty list leaves no line. */
function expandLists(formatted: string, context: Context): string {
  const lines: string[] = [];
  for (const line of formatted.split('\n')) {
    const match = LIST_LINE.exec(line.trim());
    if (match === null) {
      if (line.includes(LIST)) throw new Error('A list must stand on a line of its own: "- {name}"');
      lines.push(line);
      continue;
    }
    const entry = context.table[Number(match[1])] as Extract<TableEntry, { kind: 'list' }>;
    for (const item of entry.entries) {
      if (typeof item === 'string') {
        context.table.push({ kind: 'value', text: item });
        lines.push(`- ${VALUE}${context.table.length - 1}${END}`);
        continue;
      }
      const itemTemplate = context.items[entry.name];
      if (itemTemplate === undefined)
        throw new Error(`The list {${entry.name}} has records but the template has no items.${entry.name}`);
      lines.push(`- ${formatInto(itemTemplate, item, context).replace(/\n/g, ' ')}`);
    }
  }
  return lines.join('\n');
}

/** Formats a template with a view: paragraphs tidied, values marked. */
export function formatTemplate(
  template: string,
  view: TemplateView,
  options: {
    locale: string;
    timeZone: string;
    items?: Readonly<Record<string, string>>;
    /** Names of values kept on one line in the HTML. */
    keepTogether?: readonly string[];
  },
): MarkedText {
  const table: TableEntry[] = [];
  const formatted = formatInto(template, view, {
    keepTogether: new Set(options.keepTogether ?? []),
    locale: options.locale,
    timeZone: options.timeZone,
    items: options.items ?? {},
    table,
  });
  const marked = formatted
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { marked, table };
}

const VALUE_OR_DATE = new RegExp(`${VALUE}(\\d+)${END}|${DATE}([^${END}]*)${END}`, 'g');

// First-strong isolate and its end: the value keeps its own direction and does not reorder the
// sentence around it (Unicode Bidirectional Algorithm, X5c), unlike the overrides U+202A–202E.
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * The plain text. Values are made safe to read (displayText). In right-to-left text each value
 * and date is isolated, so a Latin reference or name keeps its place and its punctuation.
 */
export function markedToText(text: MarkedText, options: { isolate: boolean }): string {
  const wrap = (inner: string): string => (options.isolate ? `${FSI}${inner}${PDI}` : inner);
  return text.marked.replace(VALUE_OR_DATE, (_, index: string | undefined, date: string | undefined) => {
    if (index === undefined) return wrap(date ?? '');
    const entry = text.table[Number(index)];
    return wrap(entry?.kind === 'value' ? displayText(entry.text) : '');
  });
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One line of HTML: the template's words escaped, each value and date escaped inside `<bdi>`. */
function inlineHtml(line: string, table: readonly TableEntry[]): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(VALUE_OR_DATE)) {
    html += escapeHtml(line.slice(last, match.index));
    const [, index, date] = match;
    const entry = index === undefined ? null : table[Number(index)];
    const inner = index === undefined ? (date ?? '') : entry?.kind === 'value' ? displayText(entry.text) : '';
    const open = entry?.kind === 'value' && entry.keepTogether ? '<bdi style="white-space:nowrap">' : '<bdi>';
    html += `${open}${escapeHtml(inner).replace(/\n/g, '<br>')}</bdi>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

/** Short text (a note) as HTML inside one element: lines joined by `<br>`. */
export function markedToInlineHtml(text: MarkedText): string {
  return text.marked
    .split('\n')
    .map((l) => inlineHtml(l, text.table))
    .join('<br>');
}

/** The HTML: paragraphs, and `- ` lines as lists. */
export function markedToHtml(text: MarkedText): string {
  return text.marked
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => l.startsWith('- '))) {
        return `<ul>${lines.map((l) => `<li>${inlineHtml(l.slice(2), text.table)}</li>`).join('')}</ul>`;
      }
      return `<p>${lines.map((l) => inlineHtml(l, text.table)).join('<br>')}</p>`;
    })
    .join('\n');
}
