/**
 * Addresses of a case that mail cannot reach: SES reported a permanent bounce, or the recipient
 * marked our mail as spam (a complaint). SES's account-level suppression list then drops further
 * mail to them silently, so the case must say so and a person must find another way to reach the
 * applicant.
 */

/** Why an address is undeliverable: a permanent (hard) bounce, or a complaint. */
export type UndeliverableReason = 'permanent-bounce' | 'complaint';

/** What SES reported about one sent message: recipients that mail cannot reach, and why. */
export interface DeliveryFeedback {
  /** The id SES assigned when sending (SendEmail's `MessageId`), as its events carry it. */
  readonly sesMessageId: string;
  readonly kind: UndeliverableReason;
  /** The recipients concerned, as SES reports them. */
  readonly addresses: readonly string[];
  /** When SES reported it (ISO 8601). */
  readonly at: string;
}

export interface UndeliverableAddress {
  /** Lowercase, as contacts are stored. */
  readonly address: string;
  readonly reason: UndeliverableReason;
  /** When SES reported it (ISO 8601): the first report, later ones change nothing. */
  readonly at: string;
}

/** Where undeliverable addresses of a case are kept. */
export interface UndeliverableAddresses {
  /** Marks the address on the case. Idempotent: marking it again keeps the first report. */
  mark(reference: string, address: string, reason: UndeliverableReason, at: string): Promise<void>;
  /** The case's undeliverable addresses, by address. */
  list(reference: string): Promise<UndeliverableAddress[]>;
}
