import type { Readable } from 'node:stream';
import { MailParser, type AddressObject, type AttachmentStream, type MessageText } from 'mailparser';
import type { AttachmentOrigin } from '../domain/parsed-email.ts';
import type { EmailParser, IncomingAttachment, MessageHeaders, ParsedMessage } from '../domain/ports.ts';

/**
 * The most text kept from a body (characters). The text feeds reference search and the
 * caseworker's note; a body beyond this is not a letter but an attack or an accident.
 */
export const MAX_TEXT_CHARS = 1_000_000;

/** What mailparser's internal node looks like where we need it (see TrackingMailParser). */
interface SplitterNode {
  readonly parentNode: SplitterNode | false;
  readonly rfc822: boolean;
  readonly filename: string | false;
}
interface ParserNode {
  isAttachment: boolean;
  readonly contentType?: string;
  readonly headers: Map<string, unknown>;
}

/**
 * MailParser with two changes, both through its (internal) `createNode` hook:
 * - a part with a file name is an attachment whatever its type: applicants do send `.txt` and
 *   `.html` files, and mailparser would otherwise fold an inline-disposed one into the body;
 * - it remembers how deep inside forwarded emails (`message/rfc822`) each part sits.
 * A regression test per change guards this against mailparser updates.
 */
class TrackingMailParser extends MailParser {
  readonly depthOf = new WeakMap<Map<string, unknown>, number>();

  createNode(node: SplitterNode): ParserNode {
    const created = (
      MailParser.prototype as unknown as { createNode(n: SplitterNode): ParserNode }
    ).createNode.call(this, node);
    let depth = 0;
    for (let parent = node.parentNode; parent !== false; parent = parent.parentNode) {
      if (parent.rfc822) depth += 1;
    }
    this.depthOf.set(created.headers, depth);
    if (node.filename && !created.isAttachment && !/^multipart\//i.test(created.contentType ?? '')) {
      created.isAttachment = true;
    }
    return created;
  }
}

/** The streaming `MailParser` behind the EmailParser port. */
export class MailparserEmailParser implements EmailParser {
  async parse(
    raw: Readable,
    onAttachment: (attachment: IncomingAttachment) => Promise<void>,
  ): Promise<ParsedMessage> {
    const parser = new TrackingMailParser({
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
    const problems: string[] = [];
    let headers = new Map<string, unknown>();
    let text = '';

    parser.on('headers', (parsed: Map<string, unknown>) => {
      headers = parsed;
    });

    const done = new Promise<void>((resolve) => {
      parser.on('end', () => resolve());
      parser.on('error', (error: Error) => {
        problems.push(`mime-unreadable: ${error.message.slice(0, 200)}`);
        resolve();
      });
    });
    raw.on('error', (error) => parser.destroy(error));

    // Attachments are handled one at a time: mailparser waits for `release()` before it reads on,
    // which is what keeps memory flat.
    parser.on('data', (part: AttachmentStream | MessageText) => {
      if (part.type === 'text') {
        const body = part.text ?? (typeof part.html === 'string' ? htmlToPlain(part.html) : '');
        text = body.slice(0, MAX_TEXT_CHARS);
        return;
      }
      parser.pause();
      const depth = parser.depthOf.get(part.headers as unknown as Map<string, unknown>) ?? 0;
      onAttachment({
        filename: part.filename ?? null,
        declaredType: bareType(part.contentType),
        origin: originOf(part, depth),
        depth,
        content: part.content,
      })
        .catch((error: unknown) => {
          problems.push(
            `attachment-failed: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown'}`,
          );
          part.content.resume();
        })
        .finally(() => {
          part.release?.();
          parser.resume();
        });
    });

    raw.pipe(parser);
    await done;
    return { headers: toMessageHeaders(headers), text, problems };
  }
}

function originOf(part: AttachmentStream, depth: number): AttachmentOrigin {
  if (depth > 0) return 'forwarded';
  if (part.related === true || (part.contentDisposition === 'inline' && part.contentId !== undefined))
    return 'inline';
  return 'attachment';
}

function bareType(contentType: string | undefined): string {
  return (contentType ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
}

function htmlToPlain(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
}

function addresses(value: unknown): string[] {
  const objects = (Array.isArray(value) ? value : [value]) as (AddressObject | undefined)[];
  const found: string[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.address) found.push(entry.address.toLowerCase());
      if (entry.group) visit(entry.group);
    }
  };
  for (const object of objects) if (object?.value) visit(object.value);
  return found;
}

function firstText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return firstText(value[0]);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'object' && 'value' in value) {
    const inner = (value as { value: unknown }).value;
    if (typeof inner === 'string') return inner;
    if (Array.isArray(inner)) return addresses(value)[0] ?? null;
  }
  if (typeof value === 'object' && 'text' in value && typeof (value as { text: unknown }).text === 'string') {
    return (value as { text: string }).text;
  }
  return null;
}

function messageIds(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? [])
    .slice(0, 100);
}

function toMessageHeaders(headers: Map<string, unknown>): MessageHeaders {
  const date = headers.get('date');
  const contentType = headers.get('content-type');
  return {
    messageId: messageIds(headers.get('message-id'))[0] ?? null,
    from: addresses(headers.get('from'))[0] ?? null,
    to: addresses(headers.get('to')),
    cc: addresses(headers.get('cc')),
    subject: firstText(headers.get('subject')),
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : null,
    inReplyTo: messageIds(headers.get('in-reply-to'))[0] ?? null,
    references: messageIds(headers.get('references')),
    contentType: bareType(firstText(contentType) ?? 'text/plain'),
    header: (name) => firstText(headers.get(name.toLowerCase())),
  };
}
