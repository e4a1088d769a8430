import type { Readable } from 'node:stream';
import { assessAttachment } from '../domain/attachment-policy.ts';
import { automaticMailReason } from '../domain/automatic-mail.ts';
import type { CaseReferenceMatcher } from '../domain/case-reference.ts';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { AttachmentReport, ParsedEmail } from '../domain/parsed-email.ts';
import type { DocumentStore, EmailParser, IncomingAttachment, MessageHeaders } from '../domain/ports.ts';

/** An attachment report with where its bytes were kept (null when parsing without storing). */
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
  readonly mailFrom: string;
}

export interface ParseEmailDependencies {
  readonly parser: EmailParser;
  readonly documents: DocumentStore;
  readonly references: CaseReferenceMatcher;
}

/**
 * Reads one raw message: every attachment is streamed into the document store, assessed, and
 * kept (accepted under documents, held under quarantine). Nothing the applicant sent is dropped.
 */
export class ParseEmail {
  readonly #deps: ParseEmailDependencies;

  constructor(deps: ParseEmailDependencies) {
    this.#deps = deps;
  }

  async run(raw: Readable, envelope: Envelope | null): Promise<ParseEmailResult> {
    const attachments: KeptAttachment[] = [];
    const parsed = await this.#deps.parser.parse(raw, async (attachment) => {
      attachments.push(await this.#keep(attachment));
    });
    const { headers } = parsed;
    const automatic = automaticMailReason({
      header: headers.header,
      contentType: headers.contentType,
      mailFrom: envelope?.mailFrom ?? null,
    });
    return {
      messageId: headers.messageId,
      from: headers.from,
      to: headers.to,
      cc: headers.cc,
      subject: headers.subject,
      date: headers.date === null ? null : headers.date.toISOString(),
      caseReference: this.#findCaseReference(headers, parsed.text, envelope, attachments),
      inReplyTo: headers.inReplyTo,
      references: headers.references,
      autoSubmitted: automatic !== null,
      automaticReason: automatic,
      attachments,
      problems: parsed.problems,
      textLength: parsed.text.length,
    };
  }

  async #keep(attachment: IncomingAttachment): Promise<KeptAttachment> {
    const staged = await this.#deps.documents.stage(attachment.content);
    const verdict = assessAttachment({
      filename: attachment.filename,
      declaredType: attachment.declaredType,
      detectedType: staged.detectedType,
      size: staged.size,
      depth: attachment.depth,
      encrypted: staged.encrypted,
    });
    const location = await this.#deps.documents.keep(staged, verdict.accepted ? 'documents' : 'quarantine', {
      filename: attachment.filename,
      declaredType: attachment.declaredType,
    });
    return {
      filename: attachment.filename,
      contentType: attachment.declaredType,
      detectedType: staged.detectedType,
      size: staged.size,
      sha256: staged.sha256,
      accepted: verdict.accepted,
      reason: verdict.reason,
      origin: attachment.origin,
      location,
    };
  }

  /**
   * Strongest place first: the real recipient's plus-address (the applicant replied to an address
   * the office gave them), then the subject, the body, and attachment names.
   */
  #findCaseReference(
    headers: MessageHeaders,
    text: string,
    envelope: Envelope | null,
    attachments: readonly KeptAttachment[],
  ): string | null {
    const { references } = this.#deps;
    const plusTags = (envelope?.recipients ?? []).map(
      (address) => /^[^@+]+\+([^@]+)@/.exec(address)?.[1] ?? '',
    );
    const places = [...plusTags, headers.subject ?? '', text, ...attachments.map((a) => a.filename ?? '')];
    for (const place of places) {
      const [first] = references.findAll(place);
      if (first !== undefined) return first;
    }
    return null;
  }
}
