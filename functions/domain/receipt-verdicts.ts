/**
 * What SES's receipt notification says about a message. These verdicts come from the service
 * that received the message, never from headers inside it: a sender can write any
 * `X-SES-*` or `Authentication-Results` header themselves.
 */
export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** The DMARC policy the sender's domain publishes, as SES reports it. */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface ReceiptVerdicts {
  readonly spam: VerdictStatus;
  readonly virus: VerdictStatus;
  readonly spf: VerdictStatus;
  readonly dkim: VerdictStatus;
  readonly dmarc: VerdictStatus;
  readonly dmarcPolicy: DmarcPolicy;
}

const knownStatuses: readonly VerdictStatus[] = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'];

/** Reads a verdict status; anything unknown counts as a processing failure (never as a pass). */
export function toVerdictStatus(value: unknown): VerdictStatus {
  const status = typeof value === 'string' ? value.toUpperCase() : '';
  return (knownStatuses as readonly string[]).includes(status)
    ? (status as VerdictStatus)
    : 'PROCESSING_FAILED';
}

/**
 * Reads `dmarcPolicy`, which SES has been seen to send both as a string and as `{ status }`.
 * Fails closed: a missing or unknown policy is treated as `reject`, the strictest.
 */
export function toDmarcPolicy(value: unknown): DmarcPolicy {
  const raw =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && value !== null && 'status' in value
        ? (value as { status: unknown }).status
        : undefined;
  const policy = typeof raw === 'string' ? raw.toLowerCase() : '';
  return policy === 'none' || policy === 'quarantine' ? policy : 'reject';
}

/**
 * Whether the envelope sender's address may be trusted to identify the applicant: DMARC passed
 * (which needs an aligned SPF or DKIM pass). A spoofed sender never gets documents into a case by
 * its address alone.
 */
export function senderIsAuthenticated(verdicts: ReceiptVerdicts): boolean {
  return verdicts.dmarc === 'PASS' && (verdicts.spf === 'PASS' || verdicts.dkim === 'PASS');
}
