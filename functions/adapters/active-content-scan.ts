import type { ActiveContentFinding } from '../domain/attachment-types.ts';

/**
 * Looks through a whole file, chunk by chunk, for content that runs when the file is opened.
 * Memory stays bounded: each chunk is searched together with the last bytes of the one before
 * (so a keyword split across two chunks is still found), nothing else is kept.
 *
 * What it finds (ActiveContentFinding) is only a fact about bytes; the attachment policy decides
 * what it means for the detected type (markup in a text file, a script action in a PDF, …).
 */
export type { ActiveContentFinding };

/** Longest keyword (with its `#xx` escapes) searched for, so an overlap this long finds it across chunks. */
const OVERLAP = 96;

/**
 * PDF name tokens, after `#xx` escapes are decoded (`/J#61vaScript` is `/JavaScript`). An
 * `/OpenAction` that is a destination array (`[3 0 R /Fit]`, only the view a file opens with;
 * common in scans) is harmless: an action dictionary or an indirect reference is not.
 */
const PDF_NAMES: readonly [RegExp, ActiveContentFinding][] = [
  [/\/(JS|JavaScript)(?![A-Za-z0-9#])/, 'pdf-javascript'],
  [/\/OpenAction(?!\s*\[)(?![A-Za-z0-9#])/, 'pdf-open-action'],
  [/\/Launch(?![A-Za-z0-9#])/, 'pdf-launch'],
  [/\/(EmbeddedFile|EmbeddedFiles)(?![A-Za-z0-9#])/, 'pdf-embedded-file'],
];

/** A macro project inside an Office file: a zip entry name (OOXML) or a compound file stream (OLE). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const OFFICE_MACROS = [/vbaProject\.bin/i, /_\x00V\x00B\x00A\x00_\x00P\x00R\x00O\x00J\x00E\x00C\x00T\x00/];

/** Markup a browser or viewer would run: HTML, SVG, script, in a file that calls itself text. */
const MARKUP = /<(script|html|body|iframe|svg|object|embed|meta|form|frameset|applet|base)[\s>/]/i;

/** A stream's start keyword (not the end of `endstream`), with its end of line. */
const STREAM_START = /(?<!end)stream(?:\r\n|\n|\r)/g;
const STREAM_END = 'endstream';

const decodeNameEscapes = (text: string): string =>
  text.includes('#')
    ? text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

/** Bytes read before deciding what kind of file this is (PDFs may start a little late). */
const CLASSIFY_BYTES = 1024;

/**
 * What to search for, decided from the first bytes: PDF names in a PDF, macro projects in a zip
 * or compound file, markup in text; nothing in other binary files (images), which keeps the
 * search far faster than the hash for the files that are most of the bytes.
 */
type Kind = 'pdf' | 'container' | 'text' | 'binary';

function kindOf(head: Buffer): Kind {
  if (head.subarray(0, CLASSIFY_BYTES).includes('%PDF-')) return 'pdf';
  if (head.readUInt32BE(0) === 0x504b0304 || head.readUInt32BE(0) === 0xd0cf11e0) return 'container';
  return head.includes(0) ? 'binary' : 'text';
}

export class ActiveContentScan {
  readonly #found = new Set<ActiveContentFinding>();
  #kind: Kind | null = null;
  /** Bytes held back until there are enough to tell the kind of file. */
  #pending: Buffer[] = [];
  #pendingLength = 0;
  /** Bytes seen before the current chunk. */
  #total = 0;
  /** The last OVERLAP characters of what came before (latin1: one character per byte). */
  #carry = '';
  /**
   * Whether the bytes at the end are inside a PDF stream (`stream` … `endstream`). Stream data is
   * compressed page content and images: random bytes there would spell `/JS` now and then in a
   * large scan, so only the PDF's objects are searched for names.
   */
  #inStream = false;
  /** Where (in bytes from the start) the current stream's data or the current object text began. */
  #mark = 0;

  update(chunk: Buffer): void {
    if (this.#kind === null) {
      this.#pending.push(chunk);
      this.#pendingLength += chunk.length;
      if (this.#pendingLength < CLASSIFY_BYTES) return;
      this.#flush();
      return;
    }
    this.#search(chunk);
  }

  #flush(): void {
    if (this.#kind !== null || this.#pendingLength === 0) return;
    const head = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#kind = head.length >= 4 ? kindOf(head) : head.includes(0) ? 'binary' : 'text';
    this.#search(head);
  }

  #search(chunk: Buffer): void {
    if (this.#kind === 'binary') return;
    if (this.#kind === 'pdf' && this.#inStream && !this.#streamMayEndIn(chunk)) {
      // Most of a scanned PDF is stream data: skip it without decoding it to text.
      this.#total += chunk.length;
      this.#carry = (this.#carry + chunk.subarray(-OVERLAP).toString('latin1')).slice(-OVERLAP);
      return;
    }
    const base = this.#total - this.#carry.length;
    const text = this.#carry + chunk.toString('latin1');
    if (this.#kind === 'pdf') this.#searchPdfObjects(text, base);
    if (this.#kind === 'container' && OFFICE_MACROS.some((pattern) => pattern.test(text)))
      this.#found.add('office-macros');
    if (this.#kind === 'text' && MARKUP.test(text)) this.#found.add('markup');
    this.#total += chunk.length;
    this.#carry = text.slice(-OVERLAP);
  }

  /** What was found; call once the whole file went through. */
  findings(): ActiveContentFinding[] {
    this.#flush();
    return [...this.#found].sort();
  }

  /** Whether `endstream` is in the chunk, or across the boundary with what came before. */
  #streamMayEndIn(chunk: Buffer): boolean {
    if (chunk.includes(STREAM_END, 0, 'latin1')) return true;
    const edge =
      this.#carry.slice(-(STREAM_END.length - 1)) +
      chunk.subarray(0, STREAM_END.length - 1).toString('latin1');
    return edge.includes(STREAM_END);
  }

  #searchPdfObjects(text: string, base: number): void {
    let at = Math.max(0, this.#mark - base);
    for (;;) {
      if (this.#inStream) {
        const end = text.indexOf(STREAM_END, at);
        if (end < 0) return;
        this.#inStream = false;
        at = end + STREAM_END.length;
        this.#mark = base + at;
        continue;
      }
      STREAM_START.lastIndex = at;
      const start = STREAM_START.exec(text);
      const objects = decodeNameEscapes(text.slice(at, start?.index ?? text.length));
      for (const [pattern, finding] of PDF_NAMES) if (pattern.test(objects)) this.#found.add(finding);
      if (start === null) return;
      this.#inStream = true;
      at = start.index + start[0].length;
      this.#mark = base + at;
    }
  }
}
