import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { optionalEnv } from './env.ts';

/**
 * The secret that signs reply addresses. On AWS it lives in Secrets Manager
 * (REPLY_ADDRESS_SECRET_ARN) and is read once per container; the local runtime hands it over
 * directly as REPLY_ADDRESS_SECRET. Null when neither is set: replies then go to the plain intake
 * address and only Message-IDs thread them.
 */
export async function loadReplyAddressSecret(): Promise<string | null> {
  const direct = optionalEnv('REPLY_ADDRESS_SECRET');
  if (direct !== undefined) return direct;
  const arn = optionalEnv('REPLY_ADDRESS_SECRET_ARN');
  if (arn === undefined) return null;
  const client = new SecretsManagerClient({});
  try {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!secret.SecretString) throw new Error('The reply address secret is empty');
    return secret.SecretString;
  } finally {
    client.destroy();
  }
}
