import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * A local Secrets Manager: the one call the functions make (`GetSecretValue`, JSON 1.1 protocol),
 * for the secrets the CDK app defines. Functions reach it through the real SDK (Powertools
 * Parameters), so the code that reads a secret on AWS is the code that reads it here, and a
 * function the CDK app gives no secret has none here either.
 */
export interface LocalSecret {
  /** The secret's ARN, as the template resolves it (what functions get in their environment). */
  readonly arn: string;
  readonly name: string;
  /** From the template's GenerateSecretString; only the length and punctuation are honoured. */
  readonly length: number;
  readonly excludePunctuation: boolean;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PUNCTUATION = '!#$%&()*+,-./:;<=>?@[]^_{|}~';

function generated(secret: LocalSecret): string {
  const alphabet = secret.excludePunctuation ? ALPHANUMERIC : ALPHANUMERIC + PUNCTUATION;
  return [...randomBytes(secret.length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export class LocalSecretsManager {
  readonly #secrets: readonly LocalSecret[];
  readonly #directory: string;
  readonly #values = new Map<string, string>();
  #server: Server | undefined;

  /** Values are generated once and kept under `directory`, so signed addresses keep verifying across restarts. */
  constructor(secrets: readonly LocalSecret[], directory: string) {
    this.#secrets = secrets;
    this.#directory = directory;
  }

  async #load(): Promise<void> {
    await mkdir(this.#directory, { recursive: true, mode: 0o700 });
    for (const secret of this.#secrets) {
      const file = join(this.#directory, secret.name.replace(/[^A-Za-z0-9_-]/g, '_'));
      let value: string;
      try {
        value = (await readFile(file, 'utf8')).trim();
      } catch {
        value = generated(secret);
        await writeFile(file, `${value}\n`, { mode: 0o600 });
      }
      this.#values.set(secret.arn, value);
    }
  }

  #find(secretId: string): LocalSecret | undefined {
    return this.#secrets.find((s) => s.arn === secretId || s.name === secretId);
  }

  /** Serves the API on 127.0.0.1; resolves to the port. */
  async listen(port: number): Promise<number> {
    await this.#load();
    this.#server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', resolve));
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    };
    const failure = (type: string, message: string): void =>
      reply(400, { __type: type, message, Message: message });

    if (target !== 'secretsmanager.GetSecretValue') {
      failure(
        'UnsupportedOperation',
        `The local Secrets Manager does not implement ${target || 'this call'}`,
      );
      return;
    }
    let secretId = '';
    try {
      secretId = String(
        (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId?: unknown }).SecretId,
      );
    } catch {
      failure('InvalidRequestException', 'The request is not JSON');
      return;
    }
    const secret = this.#find(secretId);
    if (secret === undefined) {
      failure('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      return;
    }
    reply(200, {
      ARN: secret.arn,
      Name: secret.name,
      SecretString: this.#values.get(secret.arn),
      VersionId: 'local-1',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 0,
    });
  }
}
