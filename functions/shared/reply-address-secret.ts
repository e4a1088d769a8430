import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { optionalEnv } from './env.ts';

/**
 * How long a container keeps the key before asking Secrets Manager again. The key never rotates
 * (addresses in circulation must keep verifying), so this only bounds how long a manual change
 * takes to reach warm containers.
 */
const SECRET_CACHE_SECONDS = 15 * 60;

/**
 * The secret that signs reply addresses, from Secrets Manager (REPLY_ADDRESS_SECRET_ARN) through
 * Powertools Parameters, cached per container. The local runtime serves the same API from a
 * stand-in, so this code path is the one that runs there too. Null when the function is given no
 * secret: replies then go to the plain intake address and only Message-IDs thread them.
 */
export async function loadReplyAddressSecret(): Promise<string | null> {
  const arn = optionalEnv('REPLY_ADDRESS_SECRET_ARN');
  if (arn === undefined) return null;
  const secret = await getSecret(arn, { maxAge: SECRET_CACHE_SECONDS });
  if (typeof secret !== 'string' || secret === '') throw new Error('The reply address secret is empty');
  return secret;
}
