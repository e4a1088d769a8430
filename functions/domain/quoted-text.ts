/**
 * The applicant's new text: what they wrote this time, without the quoted history their mail
 * client put below it. For the caseworker's notification, so it is short and readable; the whole
 * message stays available in the archive.
 *
 * Mail clients mark quoted history in a handful of ways, recognised here in German and English
 * (and the other languages applicants' phones are often set to):
 * - an attribution line: `Am 12.03.2026 um 10:15 schrieb Max <max@example.de>:`,
 *   `On Thu, Mar 12, 2026 at 10:15 AM Max <max@example.de> wrote:` (often wrapped over two lines);
 * - Outlook's header block: `Von: … / Gesendet: … / An: … / Betreff: …` (`From:/Sent:/To:/Subject:`),
 *   often after a line of underscores;
 * - separator lines: `-----Original Message-----`, `-----Ursprüngliche Nachricht-----`,
 *   `-------- Weitergeleitete Nachricht --------`, `---------- Forwarded message ---------`,
 *   Apple's `Begin forwarded message:` / `Anfang der weitergeleiteten Nachricht:`;
 * - `>` at the start of a line.
 * Everything from the first attribution, header block or separator on is history. `>` lines
 * above it are dropped one by one, so answers written between quotes are kept.
 */

/** The most characters of new text kept: a notification, not an archive. */
export const MAX_NEW_TEXT_CHARS = 4000;

/**
 * Lines looked at, at most. The text handed in can be long (up to the parser's own limit); the
 * new text is at the top, and looking further would only cost time.
 */
const MAX_LINES_SCANNED = 2000;

/** Lines an attribution may be wrapped over (long names and addresses wrap it). */
const ATTRIBUTION_MAX_LINES = 3;

/** Lines an Outlook header block spans from its `Von:`/`From:` line to its `Gesendet:`/`Sent:` line. */
const HEADER_BLOCK_MAX_LINES = 6;

const SEPARATOR =
  /^\s*[-_=*]{2,}\s*(original message|ursprüngliche nachricht|original-nachricht|originalnachricht|weitergeleitete nachricht|forwarded message|message transféré|message d'origine|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht|orijinal mesaj|özgün ileti|iletilen mesaj|iletilen ileti|wiadomość oryginalna|исходное сообщение|пересылаемое сообщение)\s*[-_=*]{2,}\s*$/iu;

const FORWARD_INTRO =
  /^\s*(begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|inicio del mensaje reenviado)\s*:\s*$/iu;

/**
 * Attribution lines, joined over up to ATTRIBUTION_MAX_LINES lines: a start word, something, the
 * verb, something, and a colon at the end. Only taken as an attribution when it also carries a
 * time (`10:15`) or an address (`@`), so a sentence such as "On Monday my employer wrote:" stays.
 */
const ATTRIBUTIONS: readonly RegExp[] = [
  /^\s*(am|on|le|el|op|il|em|w dniu|den)\s.{4,}?(?<!\p{L})(schrieb|wrote|a écrit|escribió|schreef|ha scritto|escreveu|napisał|skrev)(?!\p{L}).{0,160}:\s*$/iu,
  /^\s*.{1,200}\s(schrieb am|wrote on|schreef op)\s.+:\s*$/iu,
  // Turkish: `12 Mar 2026 Per, 10:15 tarihinde Max <max@…> şunu yazdı:`
  /^\s*.{4,}\starihinde\s.+\s(şunu yazdı|yazdı)\s*:\s*$/iu,
];
const TIME_OR_ADDRESS = /\d{1,2}:\d{2}|@/;
/** An attribution's first line has its start word or its verb: a wrapped one is not joined onto the line above. */
const ATTRIBUTION_FIRST_LINE =
  /^\s*(am|on|le|el|op|il|em|w dniu|den)\s|\s(schrieb am|wrote on|schreef op|tarihinde)\s/iu;

const HEADER_FROM = /^\s*\*?(von|from|de|da|van|kimden|od|от)\s*:\*?\s*\S/iu;
const HEADER_SENT =
  /^\s*\*?(gesendet|sent|datum|date|envoyé|enviado|inviato|verzonden|tarih|wysłano|отправлено)\s*:\*?\s*\S/iu;
const HEADER_TO_OR_SUBJECT =
  /^\s*\*?(an|to|betreff|subject|à|objet|para|asunto|a|oggetto|aan|onderwerp|kime|konu|do|temat|кому|тема)\s*:\*?/iu;
const RULE = /^\s*_{10,}\s*$/;
const QUOTED = /^\s*>/;

function isAttributionAt(lines: readonly string[], index: number): boolean {
  if (!ATTRIBUTION_FIRST_LINE.test(lines[index]!.slice(0, 400))) return false;
  let joined = '';
  for (let span = 0; span < ATTRIBUTION_MAX_LINES && index + span < lines.length; span += 1) {
    // A wrapped attribution breaks mid-phrase and never over a blank line; a line ending a
    // sentence is the applicant's own.
    if (span > 0 && (/[.!?]\s*$/.test(joined) || lines[index + span]!.trim() === '')) return false;
    joined = span === 0 ? lines[index]! : `${joined} ${lines[index + span]!.trim()}`;
    if (joined.length > 400) return false;
    if (ATTRIBUTIONS.some((pattern) => pattern.test(joined)) && TIME_OR_ADDRESS.test(joined)) return true;
  }
  return false;
}

function isHeaderBlockAt(lines: readonly string[], index: number): boolean {
  if (!HEADER_FROM.test(lines[index]!)) return false;
  const block = lines.slice(index + 1, index + 1 + HEADER_BLOCK_MAX_LINES);
  return (
    block.some((line) => HEADER_SENT.test(line)) && block.some((line) => HEADER_TO_OR_SUBJECT.test(line))
  );
}

/** Whether history starts at this line. A rule right above a header block belongs to it. */
function historyStartsAt(lines: readonly string[], index: number): boolean {
  const line = lines[index]!;
  if (SEPARATOR.test(line) || FORWARD_INTRO.test(line)) return true;
  if (RULE.test(line)) {
    const next = lines.slice(index + 1, index + 3).findIndex((l) => HEADER_FROM.test(l));
    return next >= 0 && isHeaderBlockAt(lines, index + 1 + next);
  }
  return isHeaderBlockAt(lines, index) || isAttributionAt(lines, index);
}

/** Cuts to at most `maxChars` characters without splitting a surrogate pair; marks the cut with `…`. */
function bounded(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** The new text of a message body: quoted history removed, blank runs collapsed, bounded. */
export function newTextOf(body: string, maxChars: number = MAX_NEW_TEXT_CHARS): string {
  const lines = body.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, MAX_LINES_SCANNED);
  const kept: string[] = [];
  let length = 0;
  for (let index = 0; index < lines.length && length <= maxChars; index += 1) {
    if (historyStartsAt(lines, index)) break;
    const line = lines[index]!;
    if (QUOTED.test(line)) continue;
    kept.push(line.trimEnd());
    length += line.length + 1;
  }
  const text = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return bounded(text, maxChars);
}
