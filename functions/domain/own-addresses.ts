import { addressKey } from './sender-address.ts';

/**
 * The office's own addresses. No automatic email ever goes to one of them (a reply to our own
 * intake starts a loop; a forged From of ours must not make us mail ourselves), and mail in
 * their name is never an applicant's.
 */
export interface OfficeAddresses {
  /** What the receipt rule accepts mail for: addresses, or whole domains (`intake.example.org`). */
  readonly intakeRecipients: readonly string[];
  /** The From of automatic mail; null where a step does not send. */
  readonly sendingAddress: string | null;
  /** The office's mail domain: every address at it, or at a subdomain of it, is the office's. */
  readonly mailDomain: string | null;
}

interface SplitAddress {
  /** The local part without a `+tag`. */
  readonly base: string;
  readonly domain: string;
}

/** `Local+tag@Domain.` → `local` and `domain` (A–Z lowercased, the root's dot dropped). */
function split(address: string): SplitAddress | null {
  const key = addressKey(address);
  const at = key.lastIndexOf('@');
  if (at <= 0 || at === key.length - 1) return null;
  const local = key.slice(0, at).replace(/^"|"$/g, '');
  return { base: local.split('+')[0]!, domain: key.slice(at + 1).replace(/\.$/, '') };
}

const atOrUnder = (domain: string, parent: string): boolean =>
  domain === parent || domain.endsWith(`.${parent}`);

/**
 * Whether mail to this address would come back into the intake: one of the receipt rule's
 * addresses (with any `+tag`, which carries our signed reply references), or any address at a
 * domain the rule accepts whole.
 */
export function isIntakeRecipient(address: string, office: OfficeAddresses): boolean {
  const candidate = split(address);
  if (candidate === null) return false;
  return office.intakeRecipients.some((recipient) => {
    if (!recipient.includes('@')) {
      const domain = addressKey(recipient).replace(/^\./, '');
      return recipient.startsWith('.') ? atOrUnder(candidate.domain, domain) : candidate.domain === domain;
    }
    const own = split(recipient);
    return own !== null && own.base === candidate.base && own.domain === candidate.domain;
  });
}

/**
 * Whether an address is the office's own: an intake recipient, the sending address (with any
 * `+tag`), or any address at the office's mail domain or at the domain of either.
 */
export function isOwnAddress(address: string, office: OfficeAddresses): boolean {
  const candidate = split(address);
  if (candidate === null) return false;
  if (isIntakeRecipient(address, office)) return true;
  const ownDomains = [
    office.mailDomain,
    ...[office.sendingAddress, ...office.intakeRecipients].map((a) =>
      a === null ? null : a.includes('@') ? (split(a)?.domain ?? null) : addressKey(a).replace(/^\./, ''),
    ),
  ].filter((d): d is string => d !== null && d !== '');
  return ownDomains.some((domain) => atOrUnder(candidate.domain, addressKey(domain)));
}
