import type { Mailer, MessageKind, OutboundMessage, SentMessage } from '../domain/outbound-message.ts';
import { isIntakeRecipient, isOwnAddress, type OfficeAddresses } from '../domain/own-addresses.ts';

/** A message was about to go to one of the office's own addresses. Never sent; a bug to fix. */
export class OwnAddressError extends Error {
  constructor(kind: MessageKind) {
    // The kind only: the address is personal data or ours, and either way known from the case.
    super(`Refused to send ${kind} to one of the office's own addresses`);
    this.name = 'OwnAddressError';
  }
}

/** Mail for applicants: none of it may go to any address of ours. */
const APPLICANT_KINDS: ReadonlySet<MessageKind> = new Set([
  'query',
  'query-reminder',
  'invitation',
  'invitation-reminder',
  'triage-reply',
  'case-opened',
  'submission-received',
  'file-complete',
  'triage-received',
  'triage-question',
]);

/**
 * The last line against mail loops, around the real mailer: nothing is ever sent to an intake
 * recipient (it would come straight back in), and nothing meant for applicants to any address of
 * the office. The use cases leave such addresses out before sending; this fails loudly if one
 * ever slips through, rather than mailing ourselves.
 */
export class LoopGuardMailer implements Mailer {
  readonly #inner: Mailer;
  readonly #office: OfficeAddresses;

  constructor(inner: Mailer, office: OfficeAddresses) {
    this.#inner = inner;
    this.#office = office;
  }

  async send(message: OutboundMessage, idempotencyKey: string): Promise<SentMessage> {
    const refused = APPLICANT_KINDS.has(message.kind)
      ? (address: string) => isOwnAddress(address, this.#office)
      : (address: string) => isIntakeRecipient(address, this.#office);
    if (message.to.some(refused)) throw new OwnAddressError(message.kind);
    return this.#inner.send(message, idempotencyKey);
  }
}
