import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { assessAttachment } from '../domain/attachment-policy.ts';
import {
  ABSENCE_REASONS,
  absentUntil,
  automaticMailReason,
  type EnvelopeSender,
} from '../domain/automatic-mail.ts';
import { CALENDAR_TYPES } from '../domain/attachment-types.ts';
import { MAX_CALENDAR_REPLY_BYTES, readCalendarReply, type CalendarReply } from '../domain/calendar-reply.ts';
import type { CaseReferenceMatcher } from '../domain/case-reference.ts';
import type { ObjectLocation } from '../domain/intake-request.ts';
import {
  OUTPUT_LIMITS,
  type AttachmentReport,
  type CaseReferenceSource,
  type ParsedEmail,
} from '../domain/parsed-email.ts';
import type { DocumentStore, EmailParser, IncomingAttachment } from '../domain/ports.ts';
import { isBodyImage } from '../domain/inline-images.ts';
import { newTextOf } from '../domain/quoted-text.ts';
import { baseSubject } from '../domain/subject.ts';

/** An attachment report with where its bytes wait in staging (null when parsing without storing). */
export interface KeptAttachment extends AttachmentReport {
  readonly location: ObjectLocation | null;
}

export interface ParseEmailResult extends ParsedEmail {
  readonly attachments: readonly KeptAttachment[];
  /** Length of the text body in characters (the body itself stays out of workflow state). */
  readonly textLength: number;
}

/** The envelope as SES saw it; absent when a file is parsed on its own (`intake parse`). */
export interface Envelope {
  readonly recipients: readonly string[];
  readonly envelopeSender: EnvelopeSender;
}

export interface ParseEmailDependencies {
  readonly parser: EmailParser;
  readonly documents: DocumentStore;
  readonly references: CaseReferenceMatcher;
}

interface FoundReferences {
  readonly first: string | null;
  readonly source: CaseReferenceSource | null;
  readonly all: readonly string[];
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

const utf8 = new TextEncoder();
const bytesOf = (text: string): number => utf8.encode(text).length;

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(text: string, max: number): string {
  if (bytesOf(text) <= max) return text;
  let kept = '';
  let bytes = 0;
  for (const character of text) {
    bytes += bytesOf(character);
    if (bytes > max) break;
    kept += character;
  }
  return kept;
}

/**
 * The most one attachment report can take as JSON besides its file name and declared type: every
 * other field at its longest (sizes, hash, the longest reason and kind, a bucket name of 63
 * characters and a `quarantine/<sha256>` key, and the scan outcome FileAttachments adds).
 * Checked against real reports by a test.
 */
export const REPORT_BYTES_BESIDES_NAMES = 480;

/** What a report of a file with this name and type may take in state, at most. */
function reportBytes(filename: string | null, declaredType: string): number {
  return (
    bytesOf(JSON.stringify(filename)) + bytesOf(JSON.stringify(declaredType)) + REPORT_BYTES_BESIDES_NAMES
  );
}

/** A Message-ID longer than any a mail program makes is junk, and a cut one would match nothing. */
const plausibleId = (id: string): boolean => id.length <= OUTPUT_LIMITS.messageIdChars;

const boundedId = (id: string | null): string | null => (id !== null && plausibleId(id) ? id : null);

/** A long thread's References, bounded: the first ID (the thread's start) and the newest ones. */
function boundedReferences(references: readonly string[]): string[] {
  const ids = references.filter(plausibleId);
  const max = OUTPUT_LIMITS.references;
  return ids.length <= max ? ids : [ids[0]!, ...ids.slice(ids.length - (max - 1))];
}

const boundedAddresses = (addresses: readonly string[], max: number = OUTPUT_LIMITS.addresses): string[] =>
  addresses.slice(0, max).map((a) => cut(a, OUTPUT_LIMITS.addressChars));

/**
 * Reads one raw message: every attachment is streamed into staging and assessed. Nothing is
 * filed where a caseworker opens it yet: that waits for the malware scan and the screening
 * (FileAttachments). Nothing the applicant sent is dropped.
 * Verdicts about spam, viruses and the sender's authenticity are not made here: they come from
 * the receiving service's notification, never from headers inside the message.
 */
export class ParseEmail {
  readonly #deps: ParseEmailDependencies;

  constructor(deps: ParseEmailDependencies) {
    this.#deps = deps;
  }

  async run(raw: Readable, envelope: Envelope | null): Promise<ParseEmailResult> {
    const slots: (KeptAttachment | undefined)[] = [];
    const problems: string[] = [];
    let reportBudget: number = OUTPUT_LIMITS.attachmentReportBytes;
    let notStored = 0;
    let calendarReply: CalendarReply | null = null;
    const contentIds: (string | null)[] = [];
    // Attachments can be stored concurrently (a forwarded email and its own attachments); each
    // takes its slot when it is offered, so the report lists them in the order of the message.
    const parsed = await this.#deps.parser.parse(raw, async (attachment) => {
      const offered = this.#bounded(attachment, problems);
      const cost = reportBytes(offered.filename, offered.declaredType);
      if (cost > reportBudget) {
        // Read past, not stored one by one: the bytes stay in the original email, which is kept.
        notStored += 1;
        attachment.content.resume();
        await finished(attachment.content);
        return;
      }
      reportBudget -= cost;
      const slot = slots.length;
      slots.push(undefined);
      contentIds[slot] = attachment.contentId ?? null;
      slots[slot] = await this.#keep(offered, attachment.filename, (reply) => {
        calendarReply ??= reply;
      });
    });
    if (notStored > 0) problems.push(`too-many-files: ${notStored}`);
    const shown = new Set(parsed.bodyContentIds ?? []);
    const attachments = slots
      .map((a, slot) =>
        // A logo the HTML body shows is kept with the email, but is no document of the case.
        a !== undefined && isBodyImage({ ...a, contentId: contentIds[slot] ?? null }, shown)
          ? { ...a, accepted: false, reason: 'inline-image' as const, kind: 'inline-image' as const }
          : a,
      )
      .filter((a): a is KeptAttachment => a !== undefined);
    const { headers } = parsed;
    const subject = headers.subject === null ? null : cut(headers.subject, OUTPUT_LIMITS.subjectChars);
    if (subject !== headers.subject) problems.push('subject-truncated');
    const automatic = automaticMailReason({
      header: headers.header,
      contentType: headers.contentType,
      envelopeSender: envelope?.envelopeSender ?? null,
      subject,
    });
    const away = automatic !== null && ABSENCE_REASONS.has(automatic) ? absentUntil(parsed.text) : null;
    const found = this.#findCaseReferences(subject, parsed.text, envelope, attachments);
    const tooLong = headers.from !== null && headers.from.length > OUTPUT_LIMITS.addressChars;
    return {
      messageId: boundedId(headers.messageId),
      // An address longer than any mailbox can be (RFC 5321) is not cut into one that might match.
      from: tooLong ? null : headers.from,
      fromAddresses: boundedAddresses(headers.fromAddresses, OUTPUT_LIMITS.senderAddresses),
      senderAmbiguity: tooLong ? 'malformed-address' : headers.fromAmbiguity,
      replyTo: boundedAddresses(headers.replyTo, OUTPUT_LIMITS.senderAddresses),
      to: boundedAddresses(headers.to),
      cc: boundedAddresses(headers.cc),
      subject,
      baseSubject: baseSubject(subject),
      date: headers.date === null ? null : headers.date.toISOString(),
      caseReference: found.first,
      caseReferenceSource: found.source,
      caseReferences: found.all,
      inReplyTo: boundedId(headers.inReplyTo),
      references: boundedReferences(headers.references),
      autoSubmitted: automatic !== null,
      automaticReason: automatic,
      ...(away === null ? {} : { absentUntil: away }),
      newText: newTextOf(parsed.text),
      // An applicant's Accept/Decline from their calendar: an answer about the appointment.
      ...(calendarReply === null ? {} : { calendarReply }),
      attachments,
      problems: this.#reportedProblems(parsed.problems, problems),
      textLength: parsed.text.length,
    };
  }

  /**
   * The parser's problems, then this step's own (a few at most), bounded. The parser's are cut
   * first: a message with hundreds of broken parts must still say that files were left out.
   */
  #reportedProblems(fromParser: readonly string[], own: readonly string[]): string[] {
    const ours = [...new Set(own)];
    const theirs = [...new Set(fromParser)].filter((p) => !ours.includes(p));
    return [...theirs.slice(0, Math.max(0, OUTPUT_LIMITS.problems - ours.length)), ...ours]
      .slice(0, OUTPUT_LIMITS.problems)
      .map((problem) => cut(problem, OUTPUT_LIMITS.problemChars));
  }

  /** The attachment with its name and declared type cut to what a report may hold. */
  #bounded(attachment: IncomingAttachment, problems: string[]): IncomingAttachment {
    const filename =
      attachment.filename === null ? null : cutBytes(attachment.filename, OUTPUT_LIMITS.filenameBytes);
    if (filename !== attachment.filename) problems.push('filename-truncated');
    return {
      ...attachment,
      filename,
      declaredType: cut(attachment.declaredType, OUTPUT_LIMITS.contentTypeChars),
    };
  }

  /** `wholeName` is the name as decoded, before it was cut to fit the report. */
  async #keep(
    attachment: IncomingAttachment,
    wholeName: string | null,
    onCalendarReply: (reply: CalendarReply) => void,
  ): Promise<KeptAttachment> {
    const { filename } = attachment;
    const calendarText = this.#calendarText(attachment);
    const staged = await this.#deps.documents.stage(calendarText?.content ?? attachment.content);
    const verdict = assessAttachment({
      filename: wholeName,
      shownFilename: filename,
      activeContent: staged.activeContent ?? [],
      declaredType: attachment.declaredType,
      detectedType: staged.detectedType,
      size: staged.size,
      depth: attachment.depth,
      encrypted: staged.encrypted,
    });
    if (verdict.kind === 'calendar' && calendarText !== null) {
      const reply = readCalendarReply(calendarText.read());
      if (reply !== null) onCalendarReply(reply);
    }
    return {
      filename,
      contentType: attachment.declaredType,
      detectedType: staged.detectedType,
      size: staged.size,
      sha256: staged.sha256,
      accepted: verdict.accepted,
      reason: verdict.reason,
      origin: attachment.origin,
      kind: verdict.kind,
      depth: attachment.depth,
      // Still in staging: filed under documents/ or quarantine/ once the email is screened.
      location: staged.location,
    };
  }

  /**
   * A declared calendar part's first bytes, copied as it streams by (a calendar answer is small),
   * so it can be read as an answer without reading it back from storage; null for other parts.
   */
  #calendarText(attachment: IncomingAttachment): { content: Readable; read: () => string } | null {
    const declared = attachment.declaredType.split(';')[0]!.trim().toLowerCase();
    if (!CALENDAR_TYPES.has(declared) && !/\.ics$/i.test(attachment.filename ?? '')) return null;
    const chunks: Buffer[] = [];
    let bytes = 0;
    const content = new PassThrough();
    content.on('data', (chunk: Buffer) => {
      if (bytes >= MAX_CALENDAR_REPLY_BYTES) return;
      chunks.push(chunk.subarray(0, MAX_CALENDAR_REPLY_BYTES - bytes));
      bytes += chunk.length;
    });
    attachment.content.on('error', (error) => content.destroy(error));
    attachment.content.pipe(content);
    return { content, read: () => Buffer.concat(chunks).toString('utf8') };
  }

  /**
   * Strongest place first: the real recipient's plus-address (the applicant wrote to an address
   * the office gave them; read from the envelope, never from the `To` header, which the sender
   * writes), then the subject, the body, and attachment names.
   */
  #findCaseReferences(
    subject: string | null,
    text: string,
    envelope: Envelope | null,
    attachments: readonly KeptAttachment[],
  ): FoundReferences {
    const { references } = this.#deps;
    const places: [CaseReferenceSource, string][] = [
      ...(envelope?.recipients ?? []).flatMap((address): [CaseReferenceSource, string][] => {
        const tag = /^[^@+]+\+([^@]+)@/.exec(address)?.[1];
        // A signed tag is `REF.SIGNATURE`: the reference is also read without what follows the dot.
        return tag === undefined
          ? []
          : [
              ['recipient', tag],
              ['recipient', tag.split('.')[0]!],
            ];
      }),
      ['subject', subject ?? ''],
      ['body', text],
      ...attachments.map((a): [CaseReferenceSource, string] => ['attachment-name', a.filename ?? '']),
    ];
    const all: string[] = [];
    let source: CaseReferenceSource | null = null;
    for (const [place, value] of places) {
      for (const reference of references.findAll(value)) {
        if (all.includes(reference)) continue;
        all.push(reference);
        source ??= place;
      }
    }
    return { first: all[0] ?? null, source, all: all.slice(0, OUTPUT_LIMITS.caseReferences) };
  }
}
