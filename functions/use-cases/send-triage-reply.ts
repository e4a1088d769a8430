import { createHash } from 'node:crypto';
import type { InboundEmail } from '../domain/inbound-email.ts';
import { renderMessage } from '../domain/message-rendering.ts';
import type { Mailer, RateLimiter } from '../domain/outbound-message.ts';

export type TriageReplyOutcome =
  | { readonly sent: true; readonly sesMessageId: string }
  | {
      readonly sent: false;
      readonly reason: 'unverified-sender' | 'no-sender' | 'rate-limited' | 'automatic-mail';
    };

/**
 * The generic reply to an email that could not be assigned: asks for the case reference and says
 * nothing about any case (not whether one exists, not whose it is). Only to senders whose address
 * SES authenticated: a reply to a forged From would be backscatter to an innocent address. At
 * most one per sender per period. In German and English, as the case language is unknown.
 */
export class SendTriageReply {
  readonly #mailer: Mailer;
  readonly #rateLimiter: RateLimiter;
  readonly #settings: { officeName: string; intakeAddress: string; periodSeconds: number };

  constructor(deps: {
    mailer: Mailer;
    rateLimiter: RateLimiter;
    settings: { officeName: string; intakeAddress: string; periodSeconds: number };
  }) {
    this.#mailer = deps.mailer;
    this.#rateLimiter = deps.rateLimiter;
    this.#settings = deps.settings;
  }

  async run(
    email: InboundEmail & { readonly ownMessageId: string | null; readonly autoReplyAllowed: boolean },
    now: Date,
  ): Promise<TriageReplyOutcome> {
    if (!email.autoReplyAllowed) return { sent: false, reason: 'automatic-mail' };
    if (!email.senderVerified) return { sent: false, reason: 'unverified-sender' };
    if (email.from === null) return { sent: false, reason: 'no-sender' };
    // The key holds a hash, not the address: rate-limit items need no personal data.
    const senderKey = createHash('sha256').update(email.from.toLowerCase()).digest('hex');
    if (
      !(await this.#rateLimiter.tryAcquire(`triage-reply#${senderKey}`, this.#settings.periodSeconds, now))
    ) {
      return { sent: false, reason: 'rate-limited' };
    }
    const rendered = renderMessage('triage-reply', 'en', { officeName: this.#settings.officeName });
    const sent = await this.#mailer.send(
      {
        kind: 'triage-reply',
        caseReference: null,
        to: [email.from],
        ...rendered,
        attachments: [],
        autoSubmitted: 'auto-replied',
        replyTo: this.#settings.intakeAddress,
        inReplyTo: email.ownMessageId,
      },
      `triage-reply#${email.messageId}`,
    );
    return { sent: true, sesMessageId: sent.sesMessageId };
  }
}
