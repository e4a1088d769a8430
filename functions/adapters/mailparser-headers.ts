import type { AddressObject } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import type { MessageHeaders } from '../domain/ports.ts';
import {
  displayNameClaimsAddress,
  isPlainAddress,
  lowercaseAscii,
  type SenderAmbiguity,
} from '../domain/sender-address.ts';

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
      if (entry.address) found.push(lowercaseAscii(entry.address));
      if (entry.group) visit(entry.group);
    }
  };
  for (const object of objects) if (object?.value) visit(object.value);
  return found;
}

/** The most From addresses reported (for a person to read); more say nothing new. */
const MAX_FROM_ADDRESSES = 10;

interface FromFacts {
  readonly from: string | null;
  readonly fromAddresses: string[];
  readonly fromAmbiguity: SenderAmbiguity | null;
}

/**
 * The sender, only when From is one header with one plain mailbox whose display name claims no
 * other address. mailparser keeps only the first of several From headers, so the raw lines are
 * counted, and later ones read with nodemailer's address parser (the one mailparser uses).
 */
function fromFacts(parsed: Map<string, unknown>, lines: readonly RawHeaderLine[]): FromFacts {
  const fromLines = lines.filter((l) => l.key === 'from');
  const objects = (Array.isArray(parsed.get('from')) ? parsed.get('from') : [parsed.get('from')]) as (
    AddressObject | undefined
  )[];
  const entries = objects.flatMap((o) => o?.value ?? []);
  const later = fromLines.slice(1).flatMap((l) => addressparser(rawValue(l.line), { flatten: true }));
  const fromAddresses = [
    ...addresses(parsed.get('from')),
    ...later.map((a) => lowercaseAscii(a.address)).filter((a) => a !== ''),
  ].slice(0, MAX_FROM_ADDRESSES);
  const mailboxes = entries.filter((e) => e.group === undefined && e.address);
  const ambiguity = ((): SenderAmbiguity | null => {
    if (fromLines.length > 1) return 'several-from-headers';
    if (entries.some((e) => e.group !== undefined)) return 'group';
    if (entries.some((e) => displayNameClaimsAddress(e.name ?? '', e.address ?? ''))) {
      return 'address-in-display-name';
    }
    if (mailboxes.length > 1) return 'several-mailboxes';
    if (mailboxes.length === 1 && !isPlainAddress(mailboxes[0]!.address!)) return 'malformed-address';
    return null;
  })();
  const single = ambiguity === null && mailboxes.length === 1 ? fromAddresses[0]! : null;
  return { from: single, fromAddresses, fromAmbiguity: ambiguity };
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
    ...fromFacts(parsed, lines),
    replyTo: addresses(parsed.get('reply-to')),
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
