/**
 * Who sent an email, read the way a forger cannot bend: the address in the one From mailbox,
 * compared byte for byte. Display names never count (anyone can write `"ayse@example.org"
 * <attacker@evil.test>`), and nothing folds one character into another: Unicode case mapping
 * turns the Kelvin sign `K` (U+212A) into an ASCII `k`, NFKC turns a fullwidth `ｅ` into `e`,
 * so either would let a look-alike address equal a contact's.
 */

/** Why a From header does not name exactly one sender. */
export type SenderAmbiguity =
  /** More than one From header line. */
  | 'several-from-headers'
  /** One From header naming more than one address. */
  | 'several-mailboxes'
  /** RFC 5322 group syntax (`Team: a@x, b@y;`), whatever it holds. */
  | 'group'
  /** The display name holds an address other than the mailbox's own (a classic spoof). */
  | 'address-in-display-name'
  /** The mailbox is no plain `local@domain` (two `@`, spaces, control characters, …). */
  | 'malformed-address';

/**
 * Lowercases A–Z only, the one case-folding that is safe for addresses: domains are
 * case-insensitive in ASCII, and every mail system treats local parts so in practice. Any other
 * character stays exactly as written, so a dotless `ı`, a Cyrillic `а` or a fullwidth letter
 * never becomes the letter it imitates.
 */
export function lowercaseAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** The one form addresses are stored and compared in: trimmed, A–Z lowercased, nothing else. */
export function addressKey(address: string): string {
  return lowercaseAscii(address.trim());
}

/**
 * Whether two addresses are the same mailbox: equal after `addressKey`, code point for code
 * point. A non-ASCII address (an internationalised local part or domain) therefore equals only
 * itself as written: conservative on purpose, the same address in another Unicode
 * normalisation form goes to a person rather than risk a look-alike getting in.
 */
export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b);
}

/** A plain `local@domain`: one `@`, no whitespace, control characters, brackets or quotes. */
export function isPlainAddress(address: string): boolean {
  return /^[^\s@<>()[\]\\,;:"\p{Cc}\p{Cf}]+@[^\s@<>()[\]\\,;:"\p{Cc}\p{Cf}]+$/u.test(address);
}

/**
 * Whether a mailbox's display name claims another address: it contains an `@` and is not just
 * the mailbox's own address (Outlook writes `'ayse@example.org' <ayse@example.org>`).
 */
export function displayNameClaimsAddress(name: string, address: string): boolean {
  if (!name.includes('@')) return false;
  const bare = name.replace(/^[\s'"<]+|[\s'">]+$/g, '');
  return !sameAddress(bare, address);
}
