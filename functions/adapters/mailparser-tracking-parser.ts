import type { Transform } from 'node:stream';
import { MailParser, type MessageText } from 'mailparser';
import type { RawHeaderLine } from './mailparser-headers.ts';

/**
 * mailparser's streaming MailParser, adjusted where it would lose or hide what an applicant sent.
 * It relies on mailparser internals (named below); parse-adapters.test.ts fails if they change.
 */

/**
 * Encoded bytes of text bodies read per message. mailparser collects a text body whole in memory
 * (and copies it twice on the way to a string): without this bound a 40 MB text body would cost
 * hundreds of MB. Files sent as files stream, whatever their size; only the text is bounded.
 */
export const MAX_TEXT_BODY_BYTES = 2 * 1024 * 1024;

/**
 * MIME parts read per message (and per forwarded email). Real mail has a handful; thousands are an
 * attack on the parser. Reading stops at the limit (see `stopAtLimits`), what came before is kept.
 */
export const MAX_PARTS = 1000;

/** mailparser's internal MIME node (mailsplit's), where we need it. Pinned by the regression tests. */
interface SplitterNode {
  readonly type: 'node';
  readonly parentNode: SplitterNode | false;
  readonly multipart: string | false;
  readonly _boundary: Buffer | false;
  readonly encoding: string | false;
  readonly charset: string | false;
  readonly filename: string | false;
  readonly partNr: readonly (number | string)[] | false;
}
type SplitterChunk =
  | SplitterNode
  | { readonly type: 'data'; readonly node: SplitterNode; readonly value: Buffer }
  | { readonly type: 'body'; readonly node: SplitterNode; readonly value: Buffer };

/** mailparser's own node for a part, where we need it. */
interface ParserNode {
  isAttachment: boolean;
  readonly contentType?: string;
  readonly decoder?: { end(): void; readonly writableEnded: boolean };
  readonly contentStream?: { readonly supported?: boolean };
}
/** mailsplit's MessageSplitter, where the body fast path needs it (pinned by parse-adapters.test.ts). */
export interface SplitterInternals extends Transform {
  /** 1 while reading a part's header, 2 in its body. */
  readonly state: number;
  /** The part being read. */
  readonly node: SplitterNode;
  /** The incomplete last line of the previous write, kept until its line ending comes. */
  lineChunks: Buffer[];
  lineLength: number;
  readonly pendingLineTruncated: boolean;
  readonly hasFailed: boolean;
}
const SPLITTER_BODY = 2;
/** Times a write goes back to mailsplit for a header or a boundary line before it gets the rest whole. */
const SHORT_HANDOVERS = 16;
const LF = 0x0a;
const CR = 0x0d;
const HYPHEN = 0x2d;

export interface MailParserInternals {
  readonly splitter: SplitterInternals;
  readonly curnode: ParserNode | false;
  readonly headerLines: readonly RawHeaderLine[] | false;
  createNode(node: SplitterNode): ParserNode;
  processChunk(data: SplitterChunk, done: () => void): void;
  getTextContent(): MessageText;
}
const base = MailParser.prototype as unknown as MailParserInternals;

/** Characters a base64 body may hold besides the alphabet: padding and line breaks. */
const NOT_BASE64 = /[^A-Za-z0-9+/=\r\n\t ]/;

function partName(node: SplitterNode): string {
  const numbers = node.partNr === false ? [] : node.partNr.filter((n) => typeof n === 'number');
  return numbers.length === 0 ? 'the body' : `part ${numbers.join('.')}`;
}

/**
 * MailParser with five changes, through its internal `createNode` and `processChunk` hooks and its
 * splitter's `_transform` (all pinned by a test in parse-adapters.test.ts):
 * - a part with a file name is an attachment whatever its type: applicants do send `.txt` and
 *   `.html` files, and mailparser would otherwise fold an inline-disposed one into the body;
 * - text bodies are read up to MAX_TEXT_BODY_BYTES, the rest is skipped (memory stays flat);
 * - at its limits (parts, part header size) it stops reading instead of failing (`#stopAtLimits`);
 * - the lines of a part's body that cannot be a boundary pass mailsplit in one piece
 *   (`#passBodyLinesThrough`): splitting line by line cost more than all the rest;
 * - what it reads silently is reported: base64 with foreign characters, a charset it does not
 *   know (decoded as UTF-8), multiparts whose closing boundary never came.
 * A regression test per change guards this against mailparser updates.
 */
export class TrackingMailParser extends MailParser {
  readonly #report: (problem: string) => void;
  #textBodyBytes = 0;
  #stoppedAtLimit = false;
  readonly #multiparts: SplitterNode[] = [];
  readonly #closed = new WeakSet<SplitterNode>();
  readonly #reported = new WeakSet<SplitterNode>();

  constructor(report: (problem: string) => void) {
    super({
      // Forwarded emails are read by our own nested parse (see MailparserEmailParser), the same
      // way whatever their disposition or transfer encoding.
      ignoreEmbedded: true,
      // We hash with SHA-256 ourselves; mailparser's MD5 would only cost time.
      checksumAlgo: false,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      maxChildNodes: MAX_PARTS,
    });
    this.#report = report;
    this.#stopAtLimits();
    this.#passBodyLinesThrough();
  }

  /**
   * mailsplit looks at every line of a part's body on its own: a slice, a boundary check and an
   * object per 76-character line of base64, which made splitting cost more than decoding and
   * hashing together. A boundary can only be a line that starts with `-` (or, after a bare line
   * ending, with CR or LF). So while a leaf part's body is being read, the lines up to the first
   * one that could be a boundary go to mailparser as body chunks, exactly as mailsplit would
   * have grouped them, and mailsplit itself reads from that line on. The line ending before it
   * stays pending, since it belongs to a boundary if one follows (RFC 2046 5.1.1), just as
   * mailsplit keeps it.
   *
   * Within one write, mailsplit reads only what it must (a boundary line, a part's header) and
   * the fast path takes over again in the next part's body, so that small messages, whose parts
   * begin and end within a write, gain as well. A write that needs mailsplit more often than
   * SHORT_HANDOVERS times goes to it whole from there, so that a hostile message (thousands of
   * tiny parts, or lines of dashes) cannot turn into a call per line.
   */
  #passBodyLinesThrough(): void {
    const splitter = (this as unknown as MailParserInternals).splitter;
    const transform = splitter._transform.bind(splitter);
    splitter._transform = (chunk: Buffer, encoding, callback) => {
      let handovers = 0;
      const read = (rest: Buffer): void => {
        while (rest.length > 0) {
          const end = this.#plainBodyLinesEnd(splitter, rest);
          if (end < 0) {
            handovers += 1;
            const cut = handovers > SHORT_HANDOVERS ? rest.length : this.#lineByLineUntil(splitter, rest);
            transform(rest.subarray(0, cut), encoding, (error) => {
              if (error) callback(error);
              else read(rest.subarray(cut));
            });
            return;
          }
          this.#pushPlainBodyLines(splitter, rest, end);
          rest = rest.subarray(end + 1);
        }
        callback();
      };
      read(chunk);
    };
  }

  /** Hands the lines up to `end` to mailparser as body, keeping their last line ending pending. */
  #pushPlainBodyLines(splitter: SplitterInternals, chunk: Buffer, end: number): void {
    // The line ending kept pending is the last LF with the CR before it, which may still be
    // pending from the previous write when the LF is the first byte of this one.
    const pending = Buffer.concat(splitter.lineChunks, splitter.lineLength);
    let pendingBody = pending;
    let cut = end;
    if (end > 0) {
      if (chunk[end - 1] === CR) cut--;
      splitter.lineChunks = [chunk.subarray(cut, end + 1)];
    } else {
      if (pending.at(-1) === CR) pendingBody = pending.subarray(0, -1);
      splitter.lineChunks = [pending.subarray(pendingBody.length), chunk.subarray(0, 1)];
    }
    splitter.lineLength = splitter.lineChunks.reduce((length, part) => length + part.length, 0);
    if (pendingBody.length > 0) splitter.push({ node: splitter.node, type: 'body', value: pendingBody });
    if (cut > 0) splitter.push({ node: splitter.node, type: 'body', value: chunk.subarray(0, cut) });
  }

  /**
   * How much of `rest` mailsplit reads itself before the fast path may apply again: a part's
   * header up to the empty line that ends it, else the line that could be a boundary. All of it
   * where it holds a line that starts with a bare CR and a hyphen (see #plainBodyLinesEnd), or
   * where the fast path cannot apply anyway.
   */
  #lineByLineUntil(splitter: SplitterInternals, rest: Buffer): number {
    if (this.#stoppedAtLimit || splitter.hasFailed || rest.includes('\n\r-', 0, 'latin1')) return rest.length;
    if (splitter.state !== SPLITTER_BODY) {
      if (rest[0] === LF) return 1;
      if (rest[0] === CR && rest[1] === LF) return 2;
      const headerEnd = [rest.indexOf('\n\r\n', 0, 'latin1'), rest.indexOf('\n\n', 0, 'latin1')]
        .filter((at) => at >= 0)
        .sort((a, b) => a - b)[0];
      if (headerEnd === undefined) return rest.length;
      return headerEnd + (rest[headerEnd + 1] === CR ? 3 : 2);
    }
    const lineEnd = rest.indexOf(LF);
    return lineEnd < 0 ? rest.length : lineEnd + 1;
  }

  /**
   * Where the plain body lines at the start of `chunk` end (the index of the line feed of the
   * last one), or -1 when the fast path does not apply and mailsplit reads the chunk line by line.
   * The first line is what is pending plus the chunk up to its first line feed.
   */
  #plainBodyLinesEnd(splitter: SplitterInternals, chunk: Buffer): number {
    if (
      this.#stoppedAtLimit ||
      splitter.hasFailed ||
      splitter.state !== SPLITTER_BODY ||
      splitter.node.multipart !== false ||
      splitter.node.parentNode === false ||
      splitter.pendingLineTruncated
    ) {
      return -1;
    }
    const first = chunk.indexOf(LF);
    if (first < 0) return -1;
    const pending = splitter.lineChunks;
    const byteAt = (index: number): number | undefined => {
      let at = index;
      for (const part of pending) {
        if (at < part.length) return part[at];
        at -= part.length;
      }
      return at <= first ? chunk[at] : undefined;
    };
    // As mailsplit's checkBoundary: the line ending of the line before may lead (CR LF, CR or LF).
    let start = 0;
    if (byteAt(0) === CR || byteAt(0) === LF) start = byteAt(0) === CR && byteAt(1) === LF ? 2 : 1;
    const lead = byteAt(start);
    if (lead === undefined || lead === HYPHEN) return -1;
    // A line that starts with a bare CR and a hyphen may be a boundary too, but whether mailsplit
    // reads it as one depends on where its writes end (it carries a line ending into the next
    // line at the start of a write). Such a write goes to mailsplit as it is; base64 never has one.
    if (chunk.indexOf('\n\r-', first, 'latin1') >= 0) return -1;
    const hyphenLine = chunk.indexOf('\n-', first, 'latin1');
    return hyphenLine >= 0 ? hyphenLine : chunk.lastIndexOf(LF);
  }

  /**
   * mailsplit fails with an error at its limits (too many parts, a part header over 1 MB). The
   * error destroys it, and with it the parts it had split but mailparser had not read yet: a PDF
   * just before the limit was lost. Here the limit ends the input instead: everything before it
   * is read as usual, everything after it is drained unread, and the problem is reported.
   */
  #stopAtLimits(): void {
    const splitter = (this as unknown as MailParserInternals).splitter;
    const transform = splitter._transform.bind(splitter);
    splitter._transform = (chunk, encoding, callback) => {
      if (this.#stoppedAtLimit) {
        callback();
        return;
      }
      transform(chunk, encoding, (error?: Error | null) => {
        if ((error as { code?: string } | null | undefined)?.code !== 'EMAXLEN') {
          callback(error);
          return;
        }
        this.#stoppedAtLimit = true;
        this.#report(/child nodes/i.test(error!.message) ? 'too-many-parts' : 'part-header-too-large');
        callback();
      });
    };
  }

  createNode(node: SplitterNode): ParserNode {
    const created = base.createNode.call(this, node);
    if (node.filename && !created.isAttachment && !/^multipart\//i.test(created.contentType ?? '')) {
      created.isAttachment = true;
    }
    return created;
  }

  processChunk(data: SplitterChunk, done: () => void): void {
    const current = (this as unknown as MailParserInternals).curnode;
    if (data.type === 'body') {
      if (
        data.node.encoding === 'base64' &&
        !this.#reported.has(data.node) &&
        NOT_BASE64.test(data.value.toString('latin1'))
      ) {
        this.#reported.add(data.node);
        this.#report(`bad-base64: ${partName(data.node)}`);
      }
      if (current !== false && current.decoder !== undefined && !current.isAttachment) {
        const room = MAX_TEXT_BODY_BYTES - this.#textBodyBytes;
        this.#textBodyBytes += Math.min(room, data.value.length);
        if (room < data.value.length) {
          this.#report('text-truncated');
          if (room <= 0) {
            setImmediate(done);
            return;
          }
          base.processChunk.call(this, { ...data, value: data.value.subarray(0, room) }, done);
          return;
        }
      }
    } else if (data.type === 'data') {
      this.#noteClosingBoundaries(data.node, data.value);
    } else if (data.multipart !== false) {
      this.#multiparts.push(data);
    }
    base.processChunk.call(this, data, done);
    const created = (this as unknown as MailParserInternals).curnode;
    if (data.type === 'node' && created !== false && created.contentStream?.supported === false) {
      this.#report(`unknown-charset: ${String(data.charset).slice(0, 40)} in ${partName(data)}`);
    }
  }

  /**
   * Whether every multipart's closing boundary (`--boundary--`) was seen. Not asked when reading
   * stopped at a limit: the boundaries after it were never looked for.
   */
  get allMultipartsClosed(): boolean {
    return this.#stoppedAtLimit || this.#multiparts.every((node) => this.#closed.has(node));
  }

  #noteClosingBoundaries(node: SplitterNode, value: Buffer): void {
    if (value.indexOf('--') < 0) return;
    for (const line of value.toString('latin1').split('\n')) {
      const trimmed = line.trim();
      if (!trimmed.startsWith('--') || !trimmed.endsWith('--') || trimmed.length < 5) continue;
      const boundary = trimmed.slice(2, -2);
      for (let owner: SplitterNode | false = node; owner !== false; owner = owner.parentNode) {
        if (owner._boundary !== false && owner._boundary.toString('latin1') === boundary)
          this.#closed.add(owner);
      }
    }
  }
}
