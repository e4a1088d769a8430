import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed reply address given in `Reply-To` of every automatic email:
 * `intake+<REFERENCE>.<signature>@domain`. Some clients drop `References`, and SES replaces our
 * Message-ID, so this is the thread key that survives; the signature (HMAC-SHA256, truncated)
 * makes sure only an address the office handed out counts as thread evidence.
 */
const SIGNATURE_CHARS = 16;

function signature(reference: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(reference.toUpperCase())
    .digest('base64url')
    .slice(0, SIGNATURE_CHARS)
    .toLowerCase();
}

export function signedReplyAddress(intakeAddress: string, reference: string, secret: string): string {
  const [local, domain] = intakeAddress.split('@') as [string, string];
  return `${local}+${reference}.${signature(reference, secret)}@${domain}`;
}

/** The case reference a recipient address carries, if its signature verifies; else null. */
export function verifiedReplyReference(recipient: string, secret: string): string | null {
  const match = /^[^@+]+\+([^@.]+)\.([a-z0-9_-]+)@/i.exec(recipient.trim());
  if (match === null) return null;
  const [, reference = '', given = ''] = match;
  const expected = signature(reference, secret);
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b) ? reference.toUpperCase() : null;
}
