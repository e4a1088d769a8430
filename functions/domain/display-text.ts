/**
 * What a person reads is safe to read. A sender writes file names, subjects, addresses and text;
 * control characters, terminal escape sequences (ESC [ …) and bidirectional overrides in them
 * would be *interpreted* by a terminal, a mail program or a browser: a name could clear the
 * screen, recolour a line, or read `Reisepass‮fdp.exe` as `Reisepassexe.pdf`. Every such
 * character is shown as what it is instead, `⟨U+202E⟩`, never interpreted. One function for the
 * CLI, the caseworker's emails and the console.
 */

/**
 * C0 and C1 control characters (ESC among them), DEL, the bidirectional marks, embeddings,
 * overrides and isolates, the Arabic letter mark, line and paragraph separators, and invisible
 * characters that make two names look alike (zero-width space, word joiner, BOM, soft hyphen).
 * Tab and line feed are kept where text may span lines (displayText).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_A_LINE = /[\u0009\u000a]/gu;

const visible = (character: string): string =>
  `⟨U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/**
 * One line of sender-controlled text (a file name, a subject, an address) made safe to show:
 * every control, escape, bidi and invisible character, line breaks included, shown as `⟨U+XXXX⟩`.
 */
export function displayLine(text: string): string {
  return text.replace(UNSAFE, visible).replace(UNSAFE_IN_A_LINE, visible);
}

/**
 * Text that may span lines (the applicant's message) made safe to show: as displayLine, but
 * line breaks and tabs stay (a CR LF or lone CR becomes a line break).
 */
export function displayText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, visible);
}

/** Whether showing the text as it is would be safe (nothing displayLine would change). */
export function isSafeLine(text: string): boolean {
  return displayLine(text) === text;
}

/**
 * A Message-ID fit to be copied into our own headers (In-Reply-To, References): `<local@domain>`
 * with the characters RFC 5322 allows there (dot-atoms, no spaces, quotes, brackets or controls),
 * at most 250 characters. Anything else a sender wrote is not repeated: a reply without threading
 * is better than a header that breaks or is injected into.
 */
export function isWellFormedMessageId(id: string | null | undefined): id is string {
  if (id === null || id === undefined || id.length > 250) return false;
  const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  const dotAtom = `${atom}(?:\\.${atom})*`;
  return new RegExp(`^<${dotAtom}@${dotAtom}>$`).test(id);
}

/**
 * JSON for a person's terminal (`--json`): the same data, with every character displayLine would
 * show as `⟨U+XXXX⟩` written as a JSON `\uXXXX` escape instead (JSON.stringify escapes C0 controls
 * but leaves DEL, C1 controls and bidi overrides raw). Parsers read back exactly what was there.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE,
    (character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
