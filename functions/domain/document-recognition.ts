import type { ChecklistDefinition } from './checklist.ts';

/**
 * Which checklist item a document is, from the words people use: its file name first, then the
 * subject and body of the email it came with. Only a clear answer counts: when two items match
 * equally well, the document stays unassigned for the caseworker rather than be guessed.
 */

/** Keywords at least this long also match as the start of a longer word (German compounds: "Reisepasskopie"). */
const PREFIX_MATCH_MIN_LENGTH = 5;

/** Folds case, umlauts and the Turkish letters, so "Gehaltsabrechnung_März" and "maas bordrosu" compare. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/ş/g, 's')
    .replace(/ğ/g, 'g')
    .replace(/ç/g, 'c')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

function words(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Score of the best keyword of one item in a text: the matched keyword's length, 0 for none. */
function bestMatch(text: string, keywords: readonly string[]): number {
  const tokens = words(text);
  const joined = ` ${tokens.join(' ')} `;
  let best = 0;
  for (const keyword of keywords) {
    const folded = words(keyword).join(' ');
    if (folded === '') continue;
    const hit = folded.includes(' ')
      ? joined.includes(` ${folded} `)
      : tokens.some(
          (t) => t === folded || (folded.length >= PREFIX_MATCH_MIN_LENGTH && t.startsWith(folded)),
        );
    if (hit) best = Math.max(best, folded.length);
  }
  return best;
}

function recogniseIn(text: string, checklist: ChecklistDefinition): string | null {
  const scores = checklist.items
    .map((item) => ({ id: item.id, score: bestMatch(text, item.keywords) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const [first, second] = scores;
  if (first === undefined) return null;
  if (second !== undefined && second.score === first.score) return null;
  return first.id;
}

/**
 * The checklist item a document is, or null. The file name decides when it names an item; the
 * email's subject and body only when the email has this one document (otherwise "anbei Pass und
 * Foto" would assign both files to the same item).
 */
export function recogniseDocument(
  document: { readonly filename: string | null },
  email: { readonly subject: string | null; readonly text: string; readonly documentCount: number },
  checklist: ChecklistDefinition,
): string | null {
  const byName =
    document.filename === null
      ? null
      : recogniseIn(document.filename.replace(/\.[a-z0-9]{1,5}$/i, ''), checklist);
  if (byName !== null) return byName;
  if (email.documentCount !== 1) return null;
  return recogniseIn(`${email.subject ?? ''} ${email.text}`, checklist);
}
