import type { AddressObject } from 'mailparser';
import type { MessageHeaders } from '../domain/ports.ts';

/**
 * Turns mailparser's parsed header map (plus the raw header lines) into the port's
 * MessageHeaders. Raw lines are read where mailparser's map loses information: it files every
 * `List-*` header under one `list` key, turns `Return-Path: <>` into an empty address list, and
 * replaces an unreadable `Date` with the time of parsing.
 */

/** One raw header line as mailsplit keeps it: lowercase key, the whole (folded) line. */
export interface RawHeaderLine {
  readonly key: string;
  readonly line: string;
}

/** The longest Message-ID kept (RFC 5322's line limit); longer ones are not ids but junk. */
const MAX_MESSAGE_ID_CHARS = 998;

export function bareType(contentType: string | undefined | null): string {
  return (contentType ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
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

function messageIds(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? [])
    .filter((id) => id.length <= MAX_MESSAGE_ID_CHARS);
}

/** The value of a raw header line: after the first colon, unfolded, trimmed. */
function rawValue(line: string): string {
  const colon = line.indexOf(':');
  return line
    .slice(colon + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/** The Date header read strictly: null (not "now", as mailparser has it) when unreadable. */
function dateOf(lines: readonly RawHeaderLine[]): Date | null {
  const line = lines.find((l) => l.key === 'date');
  if (line === undefined) return null;
  const date = new Date(
    rawValue(line.line)
      .replace(/\([^)]*\)/g, '')
      .trim(),
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Charsets of RFC 2047 encoded words (`=?charset?Q?…?=`) no decoder here knows (read as UTF-8 instead). */
export function unknownHeaderCharsets(lines: readonly RawHeaderLine[]): string[] {
  const unknown = new Set<string>();
  for (const { key, line } of lines) {
    if (!['subject', 'from', 'to', 'cc', 'reply-to'].includes(key)) continue;
    for (const [, label = ''] of line.matchAll(/=\?([^?*\s]{1,40})(?:\*[^?]*)?\?[bq]\?/gi)) {
      if (!knownCharset(label)) unknown.add(label.toLowerCase());
    }
  }
  return [...unknown];
}

function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    // DOS code pages: not in the WHATWG list TextDecoder knows, but decoded by mailparser's iconv-lite.
    return /^(cp|ibm)\d+$/i.test(label);
  }
}

export function toMessageHeaders(
  parsed: Map<string, unknown>,
  lines: readonly RawHeaderLine[],
): MessageHeaders {
  const contentType = parsed.get('content-type');
  const subject = parsed.get('subject');
  return {
    messageId: messageIds(parsed.get('message-id'))[0] ?? null,
    from: addresses(parsed.get('from'))[0] ?? null,
    to: addresses(parsed.get('to')),
    cc: addresses(parsed.get('cc')),
    subject: typeof subject === 'string' ? subject : null,
    date: dateOf(lines),
    inReplyTo: messageIds(parsed.get('in-reply-to'))[0] ?? null,
    references: messageIds(parsed.get('references')),
    contentType: bareType(
      typeof contentType === 'object' && contentType !== null && 'value' in contentType
        ? String((contentType as { value: unknown }).value)
        : 'text/plain',
    ),
    header: (name) => {
      const key = name.toLowerCase();
      if (key === 'subject') return typeof subject === 'string' ? subject : null;
      const line = lines.find((l) => l.key === key);
      return line === undefined ? null : rawValue(line.line);
    },
  };
}
