import { foldText } from './document-recognition.ts';

/**
 * What a document says about how much of something it is: the month a payslip is for, and which
 * page of how many a scan shows. Read from the text (and the file name for pages), never guessed:
 * a payslip whose month cannot be read is one payslip of an unknown month.
 */

/** Month names (folded) in German, English and Turkish, with common abbreviations. */
const MONTHS: readonly (readonly string[])[] = [
  ['januar', 'jan', 'january', 'ocak', 'janner'],
  ['februar', 'feb', 'february', 'subat'],
  ['marz', 'maerz', 'mar', 'march', 'mart'],
  ['april', 'apr', 'nisan'],
  ['mai', 'may', 'mayis'],
  ['juni', 'jun', 'june', 'haziran'],
  ['juli', 'jul', 'july', 'temmuz'],
  ['august', 'aug', 'agustos'],
  ['september', 'sep', 'sept', 'eylul'],
  ['oktober', 'okt', 'oct', 'october', 'ekim'],
  ['november', 'nov', 'kasim'],
  ['dezember', 'dez', 'dec', 'december', 'aralik'],
];
const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);
const MONTH_NAME = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');

/** "März 2026", "march 2026", "Mart 2026", "03/2026", "03.2026", "01.03.2026 - 31.03.2026". */
const MONTH_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b(${MONTH_NAME})\\.?\\s+(20\\d\\d)\\b`, 'g'),
  /\b(0?[1-9]|1[0-2])\s*[/.-]\s*(20\d\d)\b/g,
];
/** A full date "01.03.2026": its month counts only when no month is named otherwise. */
const FULL_DATE = /\b(?:0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(20\d\d)\b/g;

/** Words that introduce the period a payslip is for; a month right after one of them wins. */
const PERIOD_WORDS =
  /(abrechnungsmonat|abrechnungszeitraum|monat|zeitraum|pay period|period|for the month|donem|ay)\s*:?\s*$/;

const pad = (month: number): string => String(month).padStart(2, '0');

/**
 * The months (`YYYY-MM`) a document is for, in the order found: those named right after
 * "Abrechnungsmonat", "Pay period", "Dönem" and the like when there are any (a payslip also
 * names its entry date or the year so far), else every month named. A document holding several
 * payslips names several months.
 */
export function monthsIn(text: string): string[] {
  const folded = foldText(text);
  const found: { month: string; period: boolean }[] = [];
  for (const pattern of MONTH_PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const [, monthText, year] = match;
      const month = /^\d+$/.test(monthText!) ? Number(monthText) : MONTH_BY_NAME.get(monthText!);
      if (month === undefined) continue;
      const before = folded.slice(Math.max(0, match.index - 40), match.index);
      found.push({ month: `${year}-${pad(month)}`, period: PERIOD_WORDS.test(before) });
    }
  }
  if (found.length === 0) {
    for (const match of folded.matchAll(FULL_DATE)) {
      found.push({ month: `${match[2]}-${pad(Number(match[1]))}`, period: false });
    }
  }
  const periods = found.filter((f) => f.period);
  return [...new Set((periods.length > 0 ? periods : found).map((f) => f.month))];
}

/** Page markers: the page numbers a document shows and the total it names, if any. */
export interface PageMarkers {
  readonly numbers: readonly number[];
  readonly total: number | null;
}

const PAGE_OF = /\b(?:seite|page|sayfa|s)\.?\s*(\d{1,3})\s*(?:von|of|\/|de)\s*(\d{1,3})\b/g;
const PAGE_ALONE = /\b(?:seite|page|sayfa|blatt)[\s_-]*(\d{1,3})\b/g;

/** Page numbers in a text or file name ("Seite 1 von 3", "Page 2 of 2", "Reisepass_Seite1"). */
export function pageMarkersIn(text: string): PageMarkers {
  const folded = foldText(text);
  const numbers = new Set<number>();
  let total: number | null = null;
  for (const match of folded.matchAll(PAGE_OF)) {
    numbers.add(Number(match[1]));
    total = Math.max(total ?? 0, Number(match[2]));
  }
  for (const match of folded.matchAll(PAGE_ALONE)) numbers.add(Number(match[1]));
  return { numbers: [...numbers].sort((a, b) => a - b), total };
}

/**
 * Whether the pages sent make a whole document. Without any page marker a file counts as whole
 * (most documents have none). With markers, every page up to the named total must be there;
 * "Seite 1" alone, with no total, is not known to be all.
 */
export function pagesComplete(documents: readonly { pageCount: number; markers: PageMarkers }[]): boolean {
  const marked = documents.filter((d) => d.markers.numbers.length > 0 || d.markers.total !== null);
  if (marked.length === 0) return documents.length > 0;
  const total = Math.max(0, ...marked.map((d) => d.markers.total ?? 0));
  if (total === 0) return false;
  const seen = new Set<number>();
  for (const d of marked) {
    for (const n of d.markers.numbers) seen.add(n);
    // A multi-page file marked only on its first page ("Seite 1 von 3" printed once) holds the
    // pages after that one as well.
    const first = d.markers.numbers[0];
    if (first !== undefined && d.pageCount > d.markers.numbers.length) {
      for (let page = first; page < first + d.pageCount; page += 1) seen.add(page);
    }
  }
  for (let page = 1; page <= total; page += 1) if (!seen.has(page)) return false;
  return true;
}
