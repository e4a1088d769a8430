import type { CaseFile } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import { renderMessage, type LocalisedView, type TemplateView } from '../domain/message-rendering.ts';
import type { Mailer, MessageKind, OutboundAttachment, SentMessage } from '../domain/outbound-message.ts';
import { isOwnAddress, type OfficeAddresses } from '../domain/own-addresses.ts';
import { signedReplyAddress } from '../domain/reply-address.ts';
import type { UndeliverableAddresses } from '../domain/undeliverable-addresses.ts';

export interface CaseMailerSettings {
  readonly officeName: string;
  readonly intakeAddress: string;
  readonly fromAddress: string;
  /** Secret of the signed reply addresses; without it replies go to the plain intake address. */
  readonly replyAddressSecret: string | null;
  /** The office's own addresses: a contact that is one of them never gets applicant mail. */
  readonly ownAddresses: OfficeAddresses;
  /** The office's IANA time zone for dates and times in the emails (Europe/Berlin if unset). */
  readonly timeZone?: string;
}

export type SendOutcome =
  | {
      readonly sent: true;
      readonly sesMessageId: string;
      readonly ownMessageId: string;
      /**
       * How many addresses it went to. The addresses themselves are on the case's log: this
       * outcome becomes workflow state, which must carry no personal data.
       */
      readonly recipients: number;
    }
  | {
      readonly sent: false;
      readonly reason:
        | 'no-deliverable-contact'
        | 'rate-limited'
        | 'not-allowed'
        | 'automatic-mail'
        /** An invitation's reminder after a later invitation replaced it or it was cancelled. */
        | 'superseded';
    };

/**
 * Sends the emails of one case. Applicant mail goes only to the case's registered contacts (never
 * to whoever wrote), in German with the courtesy translation; every sent email is threaded back
 * to the case (its Message-IDs recorded) and written to the case's log.
 */
export class CaseMailer {
  readonly #cases: CaseRepository;
  readonly #mailer: Mailer;
  readonly #undeliverable: UndeliverableAddresses;
  readonly #settings: CaseMailerSettings;

  constructor(deps: {
    cases: CaseRepository;
    mailer: Mailer;
    undeliverable: UndeliverableAddresses;
    settings: CaseMailerSettings;
  }) {
    this.#cases = deps.cases;
    this.#mailer = deps.mailer;
    this.#undeliverable = deps.undeliverable;
    this.#settings = deps.settings;
  }

  /** The view every template can use, on top of its own values. */
  baseView(caseFile: CaseFile): TemplateView {
    return {
      caseReference: caseFile.reference,
      applicantName: caseFile.applicantName,
      officeName: this.#settings.officeName,
      requestTypeLabel: caseFile.checklist.label.de,
    };
  }

  async toApplicant(
    caseFile: CaseFile,
    kind: MessageKind,
    view: LocalisedView,
    options: {
      idempotencyKey: string;
      attachments?: readonly OutboundAttachment[];
      inReplyTo?: string | null;
    },
  ): Promise<SendOutcome> {
    // Never to an address that bounced permanently or complained, nor to one of our own (a
    // contact registered by mistake as the intake address would answer itself for ever).
    const blocked = new Set((await this.#undeliverable.list(caseFile.reference)).map((u) => u.address));
    const to = caseFile.contacts.filter(
      (contact) => !blocked.has(contact) && !isOwnAddress(contact, this.#settings.ownAddresses),
    );
    if (to.length === 0) return { sent: false, reason: 'no-deliverable-contact' };
    const base = this.baseView(caseFile);
    const rendered = renderMessage(
      kind,
      caseFile.language,
      (language) => ({
        ...base,
        // A case keeps the checklist it was opened with; one stored before its language had
        // labels shows the German one.
        requestTypeLabel: caseFile.checklist.label[language] ?? caseFile.checklist.label.de,
        ...(typeof view === 'function' ? view(language) : view),
      }),
      { timeZone: this.#settings.timeZone },
    );
    const { replyAddressSecret, intakeAddress } = this.#settings;
    const sent = await this.#mailer.send(
      {
        kind,
        caseReference: caseFile.reference,
        to,
        ...rendered,
        attachments: options.attachments ?? [],
        autoSubmitted: 'auto-generated',
        replyTo: replyAddressSecret
          ? signedReplyAddress(intakeAddress, caseFile.reference, replyAddressSecret)
          : intakeAddress,
        inReplyTo: options.inReplyTo ?? null,
      },
      options.idempotencyKey,
    );
    await this.#record(caseFile.reference, kind, to, rendered.subject, sent);
    return {
      sent: true,
      sesMessageId: sent.sesMessageId,
      ownMessageId: sent.ownMessageId,
      recipients: to.length,
    };
  }

  /** Mail for the case's caseworker or team mailbox: German, no attachments. */
  async toCaseworker(
    caseFile: CaseFile,
    kind: MessageKind,
    view: TemplateView,
    idempotencyKey: string,
  ): Promise<SendOutcome> {
    const rendered = renderMessage(
      kind,
      'de',
      { ...this.baseView(caseFile), ...view },
      { timeZone: this.#settings.timeZone },
    );
    const to = [caseFile.caseworker];
    const sent = await this.#mailer.send(
      {
        kind,
        caseReference: caseFile.reference,
        to,
        ...rendered,
        attachments: [],
        autoSubmitted: 'auto-generated',
        replyTo: this.#settings.fromAddress,
        inReplyTo: null,
      },
      idempotencyKey,
    );
    await this.#record(caseFile.reference, kind, to, rendered.subject, sent);
    return {
      sent: true,
      sesMessageId: sent.sesMessageId,
      ownMessageId: sent.ownMessageId,
      recipients: to.length,
    };
  }

  async #record(
    reference: string,
    kind: MessageKind,
    to: readonly string[],
    subject: string,
    sent: SentMessage,
  ): Promise<void> {
    await this.#cases.recordSentMessageIds(reference, [sent.sesMessageId, sent.ownMessageId]);
    await this.#cases.appendLog(reference, {
      direction: 'out',
      at: sent.sentAt,
      messageId: sent.ownMessageId,
      from: this.#settings.fromAddress,
      to,
      subject,
      documents: [],
      held: [],
      note: kind,
      ...(sent.archived ? { raw: sent.archived } : {}),
    });
  }
}
