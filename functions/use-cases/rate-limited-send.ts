import type { RateLimiter } from '../domain/outbound-message.ts';

/** The slot a send needs: at most one send per key and period, held by what the send is for. */
export interface RateLimitSlot {
  readonly key: string;
  /** What the send is for (the email that led to it): a retried step holds its own slot. */
  readonly holder: string;
  readonly periodSeconds: number;
}

/**
 * Runs a send within the rate limit, counting it only once it happened: the slot is reserved
 * before sending (concurrent emails do not both send), confirmed when the send went out, and
 * freed again when it failed or sent nothing, so a failed send never blocks the next one for the
 * whole period. The send itself must be idempotent per holder (the mailer is): a retried step
 * gets its reservation back and the first send's result.
 */
export async function sendWithinRateLimit<T extends { readonly sent: boolean }>(
  limiter: RateLimiter,
  slot: RateLimitSlot,
  now: Date,
  send: () => Promise<T>,
): Promise<T | { readonly sent: false; readonly reason: 'rate-limited' }> {
  if (!(await limiter.reserve(slot.key, slot.holder, now))) return { sent: false, reason: 'rate-limited' };
  let outcome: T;
  try {
    outcome = await send();
  } catch (error) {
    // Best effort: a reservation that cannot be released frees itself within minutes.
    await limiter.release(slot.key, slot.holder).catch(() => undefined);
    throw error;
  }
  if (outcome.sent) await limiter.confirm(slot.key, slot.holder, now, slot.periodSeconds);
  else await limiter.release(slot.key, slot.holder);
  return outcome;
}
