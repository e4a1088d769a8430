import iconv from 'iconv-lite';
import { UnreadableCsvError } from './csv-case-rows.ts';

/**
 * Turns the bytes of a spreadsheet's CSV export into text without guessing wrong silently. Excel
 * writes Windows-1252 ("CSV", German locale), UTF-8 with a BOM ("CSV UTF-8") or UTF-16 with a
 * BOM ("Unicode text"); LibreOffice writes UTF-8. A BOM decides; otherwise bytes that are valid
 * UTF-8 are UTF-8 (Windows-1252 text with umlauts is almost never valid UTF-8), and anything else
 * is Windows-1252. What still is not text is refused with its line numbers, never imported garbled.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Lines reported one by one at most; a binary file would otherwise list thousands. */
const MAX_REPORTED_LINES = 10;

const BOMS: readonly { bytes: readonly number[]; encoding: CsvEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * Characters no spreadsheet writes into a CSV: the replacement character (bytes the encoding
 * does not have, such as 0x81, 0x8D, 0x8F, 0x90 and 0x9D in Windows-1252), C0 controls other
 * than tab and line ends, and C1 controls.
 */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  // A ZIP container: the .xlsx workbook itself was chosen instead of its export.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new UnreadableCsvError([
      'this is an Excel workbook (.xlsx), not a CSV: save it as CSV (File → Save As) and import that',
    ]);
  }
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  const encoding = bom?.encoding ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  // iconv-lite, not TextDecoder: Node's decodes 'windows-1252' as ISO-8859-1 (0x80-0x9F become
  // controls, so € and Œ are lost). It drops the BOM; undecodable bytes become U+FFFD.
  const text = iconv.decode(Buffer.from(bytes), encoding);
  const bad = text.split('\n').flatMap((line, i) => (NOT_TEXT.test(line) ? [i + 1] : []));
  if (bad.length > 0) {
    const why =
      encoding === 'windows-1252'
        ? 'bytes that are no character in Windows-1252'
        : `bytes that are not ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'}, though the file says it is`;
    const problems = bad.slice(0, MAX_REPORTED_LINES).map((line) => `line ${line}: ${why}`);
    if (bad.length > MAX_REPORTED_LINES) problems.push(`and ${bad.length - MAX_REPORTED_LINES} more lines`);
    throw new UnreadableCsvError(problems);
  }
  return { text, encoding };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
