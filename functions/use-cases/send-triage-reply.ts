import { createHash } from 'node:crypto';
import type { InboundEmail } from '../domain/inbound-email.ts';
import { renderMessage } from '../domain/message-rendering.ts';
import type { Mailer, RateLimiter } from '../domain/outbound-message.ts';
import { isOwnAddress, type OfficeAddresses } from '../domain/own-addresses.ts';
import type { TriageReason } from '../domain/triage.ts';
import { sendWithinRateLimit } from './rate-limited-send.ts';

export type TriageReplyOutcome =
  | { readonly sent: true; readonly sesMessageId: string }
  | {
      readonly sent: false;
      readonly reason:
        | 'unverified-sender'
        | 'no-sender'
        | 'rate-limited'
        | 'automatic-mail'
        | 'not-for-this-reason'
        | 'own-address'
        | 'not-deliverable';
    };

/**
 * The triage reasons where the email named a case (a reference, or our thread) but may not be
 * added to it on its own: the sender is told it arrived and a person will assign it, never asked
 * to send it again with the reference it gave. The same words whether the case exists or not, so
 * the answer tells a prober nothing about any case.
 */
const NAMED_A_CASE: ReadonlySet<TriageReason> = new Set([
  'unknown-reference',
  'reference-from-unknown-sender',
  'thread-reply-from-unregistered-sender',
]);

/** The triage reasons where asking for the case reference helps (nothing named one). */
const NAMED_NO_CASE: ReadonlySet<TriageReason> = new Set(['no-match', 'ambiguous']);

/** Parts that are no documents of the sender's: an email with only these is a question. */
const NOT_DOCUMENTS: ReadonlySet<string> = new Set(['calendar', 'inline-image', 'signature']);

/**
 * Which generic reply fits what was sent, or null for none: `triage-received` to someone who named
 * a case, `triage-question` (the office's contact options) to a message without documents,
 * `triage-reply` (please name your reference) to documents nobody could assign. Where the sender
 * is unclear or the case closed, a person decides.
 */
export function triageReplyKind(
  reason: TriageReason,
  attachments: InboundEmail['attachments'],
): 'triage-reply' | 'triage-received' | 'triage-question' | null {
  if (NAMED_A_CASE.has(reason)) return 'triage-received';
  if (!NAMED_NO_CASE.has(reason)) return null;
  const documents = attachments.filter((a) => a.accepted || !NOT_DOCUMENTS.has(a.reason ?? ''));
  return documents.length === 0 ? 'triage-question' : 'triage-reply';
}

/** SES sends to ASCII addresses only; a non-ASCII one here is far likelier a look-alike than an applicant. */
const ASCII_ADDRESS = /^[\x21-\x7e]+$/;

/**
 * The generic reply to an email that could not be assigned: asks for the case reference and says
 * nothing about any case (not whether one exists, not whose it is). Only to senders whose address
 * SES authenticated: a reply to a forged From would be backscatter to an innocent address. Never
 * to an address of ours (From or Reply-To), and only where asking for the reference helps. At
 * most one per sender per period. In German and English, as the case language is unknown.
 */
export interface TriageReplySettings {
  readonly officeName: string;
  readonly intakeAddress: string;
  readonly periodSeconds: number;
  /** How to reach the office (stage config `officeContactOptions`), one line each. */
  readonly contactOptions: readonly string[];
  /** No reply ever goes out when From or Reply-To is one of these. */
  readonly ownAddresses: OfficeAddresses;
}

export class SendTriageReply {
  readonly #mailer: Mailer;
  readonly #rateLimiter: RateLimiter;
  readonly #settings: TriageReplySettings;

  constructor(deps: { mailer: Mailer; rateLimiter: RateLimiter; settings: TriageReplySettings }) {
    this.#mailer = deps.mailer;
    this.#rateLimiter = deps.rateLimiter;
    this.#settings = deps.settings;
  }

  async run(
    email: InboundEmail & {
      readonly ownMessageId: string | null;
      readonly autoReplyAllowed: boolean;
      readonly triageReason: TriageReason;
    },
    now: Date,
  ): Promise<TriageReplyOutcome> {
    if (!email.autoReplyAllowed) return { sent: false, reason: 'automatic-mail' };
    const kind = triageReplyKind(email.triageReason, email.attachments);
    if (kind === null) return { sent: false, reason: 'not-for-this-reason' };
    if (!email.senderVerified) return { sent: false, reason: 'unverified-sender' };
    const from = email.from;
    if (from === null) return { sent: false, reason: 'no-sender' };
    // Mail from us, or asking for answers to go to us, is a loop or a forgery: never answered.
    const own = (address: string): boolean => isOwnAddress(address, this.#settings.ownAddresses);
    if (own(from) || email.replyTo.some(own)) return { sent: false, reason: 'own-address' };
    if (!ASCII_ADDRESS.test(from)) return { sent: false, reason: 'not-deliverable' };
    // The key holds a hash, not the address: rate-limit items need no personal data.
    const senderKey = createHash('sha256').update(from.toLowerCase()).digest('hex');
    const slot = {
      key: `triage-reply#${senderKey}`,
      holder: email.messageId,
      periodSeconds: this.#settings.periodSeconds,
    };
    // Generic: the office's name and contact options, nothing of any case.
    const rendered = renderMessage(kind, 'en', {
      officeName: this.#settings.officeName,
      contactOptions: this.#settings.contactOptions.map((line) => ({ line })),
    });
    return sendWithinRateLimit(this.#rateLimiter, slot, now, async () => {
      const sent = await this.#mailer.send(
        {
          kind,
          caseReference: null,
          to: [from],
          ...rendered,
          attachments: [],
          autoSubmitted: 'auto-replied',
          replyTo: this.#settings.intakeAddress,
          inReplyTo: email.ownMessageId,
        },
        `triage-reply#${email.messageId}`,
      );
      return { sent: true, sesMessageId: sent.sesMessageId } as const;
    });
  }
}
