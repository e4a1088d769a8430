/**
 * Recognises mail that must never get an automatic answer: auto-replies, bounces, mailing lists.
 * Answering them makes loops (two robots replying to each other) or spams a list.
 */
export interface AutomaticMailSignals {
  /** Header values by lowercase name; multi-valued headers give their first value. */
  readonly header: (name: string) => string | null;
  /** The Content-Type of the whole message, lowercase, without parameters. */
  readonly contentType: string;
  /** The envelope sender (MAIL FROM); empty for bounces. */
  readonly mailFrom: string | null;
}

const BULK_PRECEDENCE = /^(bulk|list|junk)$/i;
const DAEMON_SENDER = /^(mailer-daemon|postmaster)@/i;

/** @returns the reason the message is automatic, or null for a message written by a person. */
export function automaticMailReason(signals: AutomaticMailSignals): string | null {
  const autoSubmitted = signals.header('auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.trim().toLowerCase() !== 'no') return 'auto-submitted';
  if (signals.contentType === 'multipart/report') return 'delivery-report';
  const precedence = signals.header('precedence');
  if (precedence !== null && BULK_PRECEDENCE.test(precedence.trim())) return 'precedence-bulk';
  if (signals.header('list-id') !== null || signals.header('list-unsubscribe') !== null)
    return 'mailing-list';
  if (signals.header('x-auto-response-suppress') !== null) return 'auto-response-suppress';
  if (signals.header('x-autoreply') !== null || signals.header('x-autorespond') !== null) return 'auto-reply';
  const returnPath = signals.header('return-path');
  if (returnPath !== null && /^<?\s*>?$/.test(returnPath.trim())) return 'null-return-path';
  if (signals.mailFrom !== null) {
    if (signals.mailFrom.trim() === '') return 'null-return-path';
    if (DAEMON_SENDER.test(signals.mailFrom.trim())) return 'mailer-daemon';
  }
  if (returnPath !== null && DAEMON_SENDER.test(returnPath.replace(/[<>\s]/g, ''))) return 'mailer-daemon';
  return null;
}
