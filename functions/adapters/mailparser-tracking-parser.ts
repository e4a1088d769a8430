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
export interface MailParserInternals {
  readonly splitter: Transform;
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
 * MailParser with four changes, through its internal `createNode` and `processChunk` hooks and its
 * splitter's `_transform` (all pinned by a test in parse-adapters.test.ts):
 * - a part with a file name is an attachment whatever its type: applicants do send `.txt` and
 *   `.html` files, and mailparser would otherwise fold an inline-disposed one into the body;
 * - text bodies are read up to MAX_TEXT_BODY_BYTES, the rest is skipped (memory stays flat);
 * - at its limits (parts, part header size) it stops reading instead of failing (`#stopAtLimits`);
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
