import { createHash } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { requireEnv } from './env.ts';

/** A changed key signs every caseworker out; a quarter of an hour bounds how long the old one lives on. */
const SECRET_CACHE_SECONDS = 15 * 60;
/** The generated secret's length (alphanumerics, ~5.95 bits each): well over the key's 256 bits. */
export const SESSION_SECRET_MIN_CHARS = 44;

/**
 * The console's session key (AES-256-GCM, 32 bytes) from the secret at SESSION_KEY_SECRET_ARN:
 * the SHA-256 of the secret's text, which Secrets Manager generated (48 alphanumerics, about
 * 285 bits). Read through Powertools Parameters, cached per container.
 */
export async function loadSessionKey(): Promise<Uint8Array> {
  const secret = await getSecret(requireEnv('SESSION_KEY_SECRET_ARN'), { maxAge: SECRET_CACHE_SECONDS });
  return sessionKeyFromSecret(secret);
}

export function sessionKeyFromSecret(secret: unknown): Uint8Array {
  if (typeof secret !== 'string' || secret.length < SESSION_SECRET_MIN_CHARS)
    throw new Error(
      `The session key secret must be a string of at least ${SESSION_SECRET_MIN_CHARS} characters`,
    );
  return createHash('sha256').update(secret, 'utf8').digest();
}
