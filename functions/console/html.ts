import { displayLine, displayText } from '../domain/display-text.ts';

/**
 * Server-rendered HTML with every value escaped: a value is shown, never interpreted. Strings go
 * through displayLine first, so control characters, bidi overrides and invisible characters a
 * sender wrote are shown as `⟨U+202E⟩` in the page, as in the CLI and the emails.
 */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: Value): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(displayLine(String(value)));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Text that may span lines (an email's body): line breaks kept, everything else as html(). */
export function multiline(text: string): Html {
  return new Html(escapeHtml(displayText(text)));
}
