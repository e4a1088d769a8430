/**
 * Subjects as people see them: replies and forwards pile prefixes in front (`AW: WG: Re: …`),
 * in the language of each mail client on the way. The base subject (RFC 5256's term) is what is
 * left without them, for showing a thread under one title and for comparing subjects.
 */

/**
 * Reply and forward prefixes of common mail clients, by language: Re/Fw/Fwd (English and most),
 * AW/WG/Antw/Antwort (German Outlook and Notes), SV/VS/VB (Nordic), TR/RE (French), RV/RES/ENC
 * (Spanish, Portuguese), R/I (Italian), Odp/PD (Polish), YNT/İLT (Turkish Outlook), Отв/Пер
 * (Russian), 回复/转发 and 答复 (Chinese).
 */
const PREFIX_WORDS = [
  're',
  'aw',
  'wg',
  'fw',
  'fwd',
  'antw',
  'antwort',
  'sv',
  'vs',
  'vb',
  'tr',
  'rv',
  'res',
  'enc',
  'r',
  'i',
  'odp',
  'pd',
  'ynt',
  'ilt',
  'İlt',
  'отв',
  'пер',
  '回复',
  '回覆',
  '答复',
  '转发',
  '轉寄',
];

/**
 * One prefix: the word, an optional counter (`Re[2]:`, `Re(3):`, `Re^2:`), optional space, and a
 * colon (also the full-width one). Gateways' external-mail tags (`[EXTERN]`) in front count too.
 */
const PREFIX = new RegExp(
  `^\\s*(?:(?:${PREFIX_WORDS.join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]|\\[(?:ext|extern|external|externe)\\])\\s*`,
  'iu',
);

/** Trailing markers some clients append instead: `(fwd)`. */
const SUFFIX = /\s*\((?:fwd|fw)\)\s*$/i;

/** The subject without reply and forward prefixes, whitespace collapsed; null when nothing is left. */
export function baseSubject(subject: string | null): string | null {
  if (subject === null) return null;
  let rest = subject.replace(/\s+/g, ' ');
  for (let previous = ''; previous !== rest;) {
    previous = rest;
    rest = rest.replace(PREFIX, '').replace(SUFFIX, '');
  }
  rest = rest.trim();
  return rest === '' ? null : rest;
}
