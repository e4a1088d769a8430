import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The console's session, kept in one cookie encrypted and authenticated with AES-256-GCM under a
 * key only the server holds: the browser can neither read nor change it. No session store.
 */
export interface Session {
  /** The signed-in caseworker's email address; null before sign-in. */
  readonly caseworker: string | null;
  /** The token every form carries back (CSRF); new with every sign-in. */
  readonly csrf: string;
  /** Epoch seconds after which the session is no longer accepted. */
  readonly expires: number;
  /** A confirmation or error to show once, on the page a POST redirects to. */
  readonly notice?: { readonly kind: 'ok' | 'error'; readonly text: string };
  /**
   * What a sign-in method keeps between sending the browser to an identity provider and its
   * return (OpenID Connect: state, nonce, PKCE verifier). Gone once signed in: used once.
   */
  readonly pendingSignIn?: Readonly<Record<string, string>>;
}

/** Bytes of the key: AES-256. */
export const SESSION_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sealSession(session: Session, key: Uint8Array): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The session in the cookie, or null when it is missing, changed, from another key or expired. */
export function openSession(sealed: string | undefined, key: Uint8Array, now: Date): Session | null {
  if (sealed === undefined || sealed.length > 4096) return null;
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    const session = JSON.parse(text) as Session;
    if (typeof session.csrf !== 'string' || typeof session.expires !== 'number') return null;
    if (session.caseworker !== null && typeof session.caseworker !== 'string') return null;
    return session.expires * 1000 > now.getTime() ? session : null;
  } catch {
    return null;
  }
}

/** Compares a submitted CSRF token with the session's in constant time. */
export function csrfMatches(session: Session, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a key's length once, at start, rather than at the first request. */
export function assertSessionKey(key: Uint8Array): void {
  if (key.length !== SESSION_KEY_BYTES)
    throw new Error(`The console's session key must be ${SESSION_KEY_BYTES} bytes, got ${key.length}`);
}
