import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { SENT_MAIL_PREFIX } from '../../functions/adapters/s3-sent-mail-archive.ts';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime.ts';
import {
  createCaseReferenceMatcher,
  DEFAULT_CASE_REFERENCE_FORMAT,
} from '../../functions/domain/case-reference.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { OpenCase } from '../../functions/use-cases/open-case.ts';
import { ShowCase } from '../../functions/use-cases/show-case.ts';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';

/**
 * The local pipeline for a test file: every stand-in on a free port, data in a temporary
 * directory, removed again on stop.
 */
export interface TestPipeline {
  readonly runtime: LocalRuntime;
  /** The address the receipt rule accepts, to send to. */
  readonly intakeAddress: string;
  /** Sends over SMTP (pooled transport); resolves to the SES message id the intake gave it. */
  send(message: Mail.Options): Promise<string>;
  readObject(bucket: string, key: string): Promise<Buffer>;
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  bucket(role: 'INBOUND_BUCKET' | 'DOCUMENT_BUCKET'): string;
  /** The case use cases and triage, against the pipeline's own table. */
  readonly openCase: OpenCase;
  readonly cases: ReturnType<typeof caseRepository>;
  /** A document client on the pipeline's DynamoDB. */
  readonly db: DynamoDBDocumentClient;
  readonly showCase: ShowCase;
  readonly triage: DynamoDbTriageRepository;
  /** What the system sent: its own archived copies (all headers), oldest first. */
  outbox(): Promise<SentEmail[]>;
  /** What the SES stand-in received through SendEmail. */
  sesStore(): Promise<{ at: number; destination: { to: string[] }; subject: string }[]>;
  stop(): Promise<void>;
}

/** One archived sent email, parsed, with the raw header lines for header assertions. */
export interface SentEmail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Map<string, unknown>;
  readonly messageId: string;
  readonly attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

export async function startTestPipeline(options: Partial<LocalRuntimeOptions> = {}): Promise<TestPipeline> {
  const dataDir = await mkdtemp(join(tmpdir(), 'intake-test-'));
  const runtime = await startLocalRuntime({
    dataDir,
    ports: { smtp: 0, s3: 0, dynamodb: 0, ses: 0, stepFunctions: 0, console: 0 },
    lambdaEnvironment: { POWERTOOLS_LOG_LEVEL: 'CRITICAL', POWERTOOLS_METRICS_DISABLED: 'true' },
    warmLambdas: false,
    ...options,
    // The caseworker's email waits minutes for more submissions of its case; tests wait less.
    waitTimeOverrides: { CoalesceNotifications: 300, ...options.waitTimeOverrides },
  });
  const transport = nodemailer.createTransport({
    host: runtime.endpoints.smtp.host,
    port: runtime.endpoints.smtp.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
  });
  const recipient = runtime.app.receiptRules[0]!.recipients[0]!;
  const dynamo = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: runtime.description.region,
    credentials: runtime.description.credentials,
  });
  const db = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = runtime.description.functionEnvironment.TABLE_NAME!;
  const cases = caseRepository(db, tableName, {});
  const intakeAddress = recipient.includes('@') ? recipient : `intake@${recipient}`;
  const parsedOutbox = new Map<string, SentEmail>();
  return {
    runtime,
    intakeAddress,
    async send(message) {
      const info = await transport.sendMail(message);
      const id = /queued as ([a-z0-9]+)/.exec(info.response)?.[1];
      if (id === undefined) throw new Error(`Unexpected SMTP response: ${info.response}`);
      return id;
    },
    async readObject(bucket, key) {
      const object = await runtime.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    async listKeys(bucket, prefix) {
      const page = await runtime.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (page.Contents ?? []).map((o) => o.Key!).sort();
    },
    bucket(role) {
      const name = runtime.description.functionEnvironment[role];
      if (name === undefined) throw new Error(`No function has ${role}`);
      return name;
    },
    openCase: new OpenCase({
      cases,
      references: createCaseReferenceMatcher(DEFAULT_CASE_REFERENCE_FORMAT),
      defaultCaseworker: 'team@intake.example.org',
    }),
    showCase: new ShowCase(cases),
    cases,
    db,
    triage: new DynamoDbTriageRepository(db, tableName),
    async outbox() {
      // Tests poll the outbox until an email arrives: each archived email (its key and ETag) is
      // fetched and parsed once, not on every poll.
      const bucket = runtime.description.functionEnvironment.DOCUMENT_BUCKET!;
      const sent: SentEmail[] = [];
      let token: string | undefined;
      do {
        const page = await runtime.s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: SENT_MAIL_PREFIX, ContinuationToken: token }),
        );
        const objects = (page.Contents ?? []).sort((a, b) => a.Key!.localeCompare(b.Key!));
        for (const { Key: key, ETag: etag } of objects) {
          const id = `${key!}\0${etag ?? ''}`;
          let email = parsedOutbox.get(id);
          if (email === undefined) {
            const object = await runtime.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            email = await parseSentEmail(Buffer.from(await object.Body!.transformToByteArray()));
            parsedOutbox.set(id, email);
          }
          sent.push(email);
        }
        token = page.NextContinuationToken;
      } while (token !== undefined);
      return sent;
    },
    async sesStore() {
      const response = await fetch(`${runtime.endpoints.ses}/store`);
      return (
        (await response.json()) as {
          emails: { at: number; destination: { to: string[] }; subject: string }[];
        }
      ).emails;
    },
    async stop() {
      transport.close();
      dynamo.destroy();
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An archived sent email as the tests read it. */
async function parseSentEmail(raw: Buffer): Promise<SentEmail> {
  const mail = await simpleParser(raw);
  return {
    to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((t) =>
      t.value.map((v) => v.address ?? ''),
    ),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    headers: mail.headers as Map<string, unknown>,
    messageId: mail.messageId ?? '',
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  };
}
