import { PassThrough, type Readable } from 'node:stream';
import type { AttachmentStream, MessageText } from 'mailparser';
import { isForwardedEmail, MAX_FORWARD_DEPTH } from '../domain/attachment-policy.ts';
import type { AttachmentOrigin } from '../domain/parsed-email.ts';
import type { EmailParser, IncomingAttachment, MessageHeaders, ParsedMessage } from '../domain/ports.ts';
import { bareType, toMessageHeaders, unknownHeaderCharsets } from './mailparser-headers.ts';
import { HeaderGuard } from './mime-header-guard.ts';
import { TrackingMailParser, type MailParserInternals } from './mailparser-tracking-parser.ts';

export { MAX_PARTS, MAX_TEXT_BODY_BYTES } from './mailparser-tracking-parser.ts';

/**
 * The most text kept from a body (characters). The text feeds reference search and the
 * caseworker's note; a body beyond this is not a letter but an attack or an accident.
 */
export const MAX_TEXT_CHARS = 1_000_000;

/** Parts being stored while mailparser reads on (see `release` in `#parse`). */
const MAX_PARTS_IN_FLIGHT = 2;

/** Problems of one parse, without repeats. Nested parses add theirs prefixed `forwarded: `. */
class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    if (!this.list.includes(problem)) this.list.push(problem);
  }
}

interface ParsedPart {
  readonly headers: MessageHeaders;
  readonly text: string;
  readonly bodyContentIds: readonly string[];
}

/**
 * The streaming `MailParser` behind the EmailParser port.
 *
 * Memory stays flat: attachments are handed over one at a time as streams (mailparser waits for
 * each to be read before it reads on), text bodies are bounded, and the header block is trimmed
 * before mailparser sees it (HeaderGuard). Forwarded emails (`message/rfc822`) are handed over
 * whole *and* read into, to MAX_FORWARD_DEPTH, so their attachments are assessed one by one.
 *
 * Errors: broken MIME never throws; it ends up in `problems` with what could be read. Errors of
 * the raw stream or of `onAttachment` (storage) do throw: a message read halfway must be read
 * again (the workflow retries), not reported as if it were complete.
 */
export class MailparserEmailParser implements EmailParser {
  async parse(
    raw: Readable,
    onAttachment: (attachment: IncomingAttachment) => Promise<void>,
  ): Promise<ParsedMessage> {
    const problems = new Problems();
    const { headers, text, bodyContentIds } = await this.#parse(raw, onAttachment, 0, (p) => problems.add(p));
    return { headers, text: text.slice(0, MAX_TEXT_CHARS), problems: problems.list, bodyContentIds };
  }

  async #parse(
    raw: Readable,
    onAttachment: (attachment: IncomingAttachment) => Promise<void>,
    depth: number,
    report: (problem: string) => void,
  ): Promise<ParsedPart> {
    const guard = new HeaderGuard();
    const parser = new TrackingMailParser(report);
    const internals = parser as unknown as MailParserInternals;
    const openContents = new Set<PassThrough>();
    const handovers: Promise<void>[] = [];
    const forwardedTexts: string[] = [];
    let inFlight = 0;
    let text: string | null = null;
    let bodyContentIds: string[] = [];
    let failure: unknown = null;
    let broken = false;
    let settle: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (settle = resolve));

    /** Storage or the raw stream failed: stop reading, let every consumer fail fast. */
    const stop = (error: unknown): void => {
      failure ??= error;
      for (const content of openContents)
        content.destroy(error instanceof Error ? error : new Error(String(error)));
      parser.destroy();
      settle();
    };

    /** The MIME could not be read on: keep what was read, end the part being read where it stands. */
    const salvage = (error: Error): void => {
      if (broken) return;
      broken = true;
      report(`mime-error: ${error.message.slice(0, 120)}`);
      try {
        const recovered = internals.getTextContent();
        text ??= recovered.text || htmlToPlain(recovered.html);
      } catch {
        // Nothing readable; the text stays empty.
      }
      const decoder = internals.curnode === false ? undefined : internals.curnode.decoder;
      if (decoder !== undefined && !decoder.writableEnded) decoder.end();
      setImmediate(() => {
        for (const content of openContents) {
          report('attachment-truncated');
          content.end();
        }
        settle();
      });
    };

    parser.on('end', () => settle());
    parser.on('error', salvage);
    raw.on('error', stop);
    guard.on('error', stop);

    parser.on('data', (part: AttachmentStream | MessageText) => {
      if (part.type === 'text') {
        text = part.text || htmlToPlain(part.html);
        if (depth === 0) bodyContentIds = contentIdsShownBy(part.html);
        return;
      }
      const content = new PassThrough();
      // Consumers attach their own listeners; this one keeps a late error from crashing the process.
      content.on('error', () => undefined);
      content.once('close', () => openContents.delete(content));
      openContents.add(content);
      part.content.on('error', () => {
        report('attachment-truncated');
        part.content.unpipe(content);
        content.end();
      });
      // mailparser reads on once a part is released. Released as soon as its bytes are through
      // while few are still being stored, so storing one overlaps reading the next, within bounds.
      inFlight += 1;
      part.content.once('end', () => {
        if (inFlight < MAX_PARTS_IN_FLIGHT) part.release?.();
      });
      part.content.pipe(content);
      const incoming: IncomingAttachment = {
        filename: part.filename ?? null,
        declaredType: declaredTypeOf(part.headers),
        origin: originOf(part, depth),
        depth,
        contentId: typeof part.contentId === 'string' ? part.contentId.replace(/^<|>$/g, '') : null,
        content,
      };
      const handover = this.#handOver(incoming, onAttachment, report, forwardedTexts)
        .catch((error: unknown) => stop(error))
        .finally(() => {
          inFlight -= 1;
          part.release?.();
        });
      handovers.push(handover);
    });

    raw.pipe(guard).pipe(parser);
    await finished;
    await Promise.all(handovers);
    // Whatever was not read is drained, not destroyed: a forwarded email's stream is shared
    // with the copy being stored (see tee), which must still get every byte.
    raw.unpipe(guard);
    guard.unpipe(parser);
    if (failure !== null) {
      raw.destroy();
      throw failure;
    }
    raw.resume();
    parser.destroy();

    if (guard.trimmed) report('header-too-large');
    if (!parser.allMultipartsClosed) report('missing-closing-boundary');
    const headerLines = internals.headerLines === false ? [] : internals.headerLines;
    if (!headerLines.some((line) => MESSAGE_HEADER_KEYS.has(line.key)))
      report('not-an-email: no message headers');
    for (const charset of unknownHeaderCharsets(headerLines))
      report(`unknown-charset: ${charset.slice(0, 40)} in the headers`);
    const headers = toMessageHeaders(
      parser.headers === false ? new Map() : (parser.headers as Map<string, unknown>),
      headerLines,
    );
    return { headers, text: [text ?? '', ...forwardedTexts].join(''), bodyContentIds };
  }

  /**
   * Hands one part to the caller. A forwarded email is handed over whole and, below the depth
   * limit, read into at the same time (the stream is split in two, with backpressure from both).
   */
  async #handOver(
    incoming: IncomingAttachment,
    onAttachment: (attachment: IncomingAttachment) => Promise<void>,
    report: (problem: string) => void,
    forwardedTexts: string[],
  ): Promise<void> {
    if (!isForwardedEmail(incoming.filename, incoming.declaredType) || incoming.depth >= MAX_FORWARD_DEPTH) {
      await onAttachment(incoming);
      return;
    }
    const [whole, toRead] = tee(incoming.content);
    const nestedReport = (problem: string): void => report(`forwarded: ${problem}`);
    const [, nested] = await Promise.all([
      onAttachment({ ...incoming, content: whole }),
      this.#parse(toRead, onAttachment, incoming.depth + 1, nestedReport),
    ]);
    forwardedTexts.push(forwardedSection(nested));
  }
}

/** Header names that show a file is an email at all. */
const MESSAGE_HEADER_KEYS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'date',
  'subject',
  'message-id',
  'mime-version',
  'content-type',
  'received',
  'return-path',
]);

/** A forwarded email's text as mail clients show it under the forward: a header, then its body. */
function forwardedSection(nested: ParsedPart): string {
  const { headers } = nested;
  const lines = ['', '', '---------- Forwarded message ---------'];
  if (headers.from !== null) lines.push(`From: ${headers.from}`);
  if (headers.date !== null) lines.push(`Date: ${headers.date.toISOString()}`);
  if (headers.subject !== null) lines.push(`Subject: ${headers.subject}`);
  return `${lines.join('\n')}\n\n${nested.text}`;
}

/**
 * One readable into two, each read at its own pace: the source waits for the slower one. An
 * output its reader gave up on (destroyed) is skipped, so the other one still gets every byte.
 */
function tee(source: Readable): [PassThrough, PassThrough] {
  const outputs: [PassThrough, PassThrough] = [new PassThrough(), new PassThrough()];
  const live = (): PassThrough[] => outputs.filter((output) => !output.destroyed);
  const resumeWhenDrained = (): void => {
    if (live().every((output) => !output.writableNeedDrain)) source.resume();
  };
  for (const output of outputs) {
    output.on('drain', resumeWhenDrained);
    output.on('close', resumeWhenDrained);
  }
  source.on('data', (chunk: Buffer) => {
    let full = false;
    for (const output of live()) if (!output.write(chunk)) full = true;
    if (full) source.pause();
  });
  source.once('end', () => live().forEach((output) => output.end()));
  source.once('close', () => {
    if (!source.readableEnded)
      live().forEach((output) => output.destroy(new Error('The forwarded email ended early')));
  });
  return outputs;
}

/** The Content-Type the message itself declared; `application/octet-stream` when it declared none. */
function declaredTypeOf(headers: AttachmentStream['headers']): string {
  const value = headers.get('content-type') as { value?: unknown } | undefined;
  return typeof value?.value === 'string' && value.value.trim() !== ''
    ? bareType(value.value)
    : 'application/octet-stream';
}

/**
 * Inline images are assessed like any attachment and never dropped: on iPhones the photos of the
 * documents are inline parts, in Outlook signatures they are logos. `inline` lets the caseworker's
 * view tell them apart from files attached as files.
 */
function originOf(part: AttachmentStream, depth: number): AttachmentOrigin {
  if (depth > 0) return 'forwarded';
  if (part.related === true || (part.contentDisposition === 'inline' && part.contentId !== undefined))
    return 'inline';
  return 'attachment';
}

/** The Content-IDs an HTML body shows as images (`src="cid:…"`), lowercase, at most 100. */
function contentIdsShownBy(html: string | false | undefined): string[] {
  if (typeof html !== 'string') return [];
  const decoded = (id: string): string => {
    try {
      return decodeURIComponent(id);
    } catch {
      return id;
    }
  };
  const ids = [...html.matchAll(/\bcid:([^"'\s>)]+)/gi)].map((m) => decoded(m[1]!).toLowerCase());
  return [...new Set(ids)].slice(0, 100);
}

function htmlToPlain(html: string | false | undefined): string {
  if (typeof html !== 'string') return '';
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
}
