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
 * The triage reasons the reply answers: those where naming the case reference helps. Where the
 * email already named a case it may not add to (a stranger in a thread, a reference from an
 * unknown address), or its sender is unclear, a person decides; an automatic answer would only
 * tell a prober that the reference or thread exists.
 */
const ANSWERED_REASONS: ReadonlySet<TriageReason> = new Set(['no-match', 'unknown-reference', 'ambiguous']);

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
    if (!ANSWERED_REASONS.has(email.triageReason)) return { sent: false, reason: 'not-for-this-reason' };
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
    const rendered = renderMessage('triage-reply', 'en', { officeName: this.#settings.officeName });
    return sendWithinRateLimit(this.#rateLimiter, slot, now, async () => {
      const sent = await this.#mailer.send(
        {
          kind: 'triage-reply',
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
