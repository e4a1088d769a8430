import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { S3SentMailArchive } from '../../functions/adapters/s3-sent-mail-archive.ts';
import { SesMailer } from '../../functions/adapters/ses-mailer.ts';
import { DynamoDbRateLimiter } from '../../functions/adapters/dynamodb-rate-limiter.ts';
import { DynamoDbUndeliverableAddresses } from '../../functions/adapters/dynamodb-undeliverable-addresses.ts';
import { CaseMailer } from '../../functions/use-cases/case-mailer.ts';
import { AcknowledgeSubmission } from '../../functions/use-cases/acknowledge-submission.ts';
import type { OutboundMessage } from '../../functions/domain/outbound-message.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';

/**
 * The SES mailer against the stand-ins. Throttling, a refusal and a failing archive write are
 * faults the stand-ins cannot produce on cue, so middlewares in the real SDK clients answer the
 * next call as SES or S3 do then; everything else is the real client and the real retry strategy.
 */
const message = (subject: string): OutboundMessage => ({
  kind: 'query',
  caseReference: 'ABH-2026-000777',
  to: ['applicant@example.org'],
  subject,
  text: 'Text',
  html: '<p>Text</p>',
  attachments: [],
  autoSubmitted: 'auto-generated',
  replyTo: 'unterlagen@intake.example.org',
  inReplyTo: null,
});

describe('SesMailer', () => {
  let pipeline: TestPipeline;
  let ses: SESv2Client;
  let s3: S3Client;
  let dynamo: DynamoDBClient;
  let sesCalls = 0;
  let throttleNext = 0;
  let rejectNext = 0;
  let hangNext = 0;
  let failArchive = 0;
  const logged: { text: string; attributes: Record<string, unknown> }[] = [];

  function mailer(): SesMailer {
    const env = pipeline.runtime.description.functionEnvironment;
    return new SesMailer({
      ses,
      archive: new S3SentMailArchive(s3, env.DOCUMENT_BUCKET!),
      dynamoDbClient: dynamo,
      tableName: env.TABLE_NAME!,
      fromAddress: 'unterlagen@intake.example.org',
      fromName: 'Amt für Migration und Integration',
      configurationSet: null,
      region: 'eu-west-1',
      logger: { error: (text, attributes) => void logged.push({ text, attributes }) },
    });
  }

  before(async () => {
    pipeline = await startTestPipeline();
    const { endpoints, region, credentials } = pipeline.runtime.description;
    ses = new SESv2Client({
      endpoint: endpoints.ses,
      region,
      credentials,
      retryStrategy: undefined,
      maxAttempts: 3,
    });
    ses.middlewareStack.add(
      (next) => async (args) => {
        sesCalls += 1;
        if (hangNext > 0) {
          hangNext -= 1;
          // A Lambda that dies while SES may have the message: the call never comes back.
          return new Promise<never>(() => undefined);
        }
        if (rejectNext > 0) {
          rejectNext -= 1;
          // A permanent refusal: not retried by the SDK.
          throw Object.assign(new Error('Email address is not verified.'), {
            name: 'MessageRejected',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
        }
        if (throttleNext > 0) {
          throttleNext -= 1;
          throw Object.assign(new Error('Maximum sending rate exceeded.'), {
            name: 'TooManyRequestsException',
            $fault: 'client',
            $metadata: { httpStatusCode: 429 },
          });
        }
        return next(args);
      },
      { step: 'deserialize', name: 'throttleOnce' },
    );
    s3 = new S3Client({ endpoint: endpoints.s3, region, credentials, forcePathStyle: true, maxAttempts: 1 });
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (failArchive > 0 && context.commandName === 'PutObjectCommand') {
          failArchive -= 1;
          throw Object.assign(new Error('We encountered an internal error. Please try again.'), {
            name: 'InternalError',
            $fault: 'server',
            $metadata: { httpStatusCode: 500 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failArchive' },
    );
    dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials });
  });

  after(async () => {
    ses?.destroy();
    s3?.destroy();
    dynamo?.destroy();
    await pipeline?.stop();
  });

  it('retries SES throttling with backoff and sends once', async () => {
    throttleNext = 1;
    sesCalls = 0;
    const before = (await pipeline.sesStore()).length;

    const sent = await mailer().send(message('throttled'), 'test#throttled');

    assert.equal(sesCalls, 2, 'one throttled call, one that went through');
    assert.match(sent.sesMessageId, /^<.+@eu-west-1\.amazonses\.com>$/);
    assert.equal((await pipeline.sesStore()).length, before + 1);
  });

  it('a retried send with the same key returns the first result and sends nothing', async () => {
    const first = await mailer().send(message('once'), 'test#once');
    const before = (await pipeline.sesStore()).length;
    sesCalls = 0;

    const again = await mailer().send(message('once'), 'test#once');

    assert.deepEqual(again, first);
    assert.equal(sesCalls, 0);
    assert.equal((await pipeline.sesStore()).length, before);
  });

  it('archives the exact message with its threading and loop-guard headers', async () => {
    await mailer().send(message('archived'), 'test#archived');
    const archived = (await pipeline.outbox()).find((e) => e.subject === 'archived')!;
    assert.equal(archived.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(archived.headers.get('x-auto-response-suppress'), 'All');
    assert.match(String(archived.headers.get('references')), /^<intake-[0-9a-f-]+@intake\.example\.org>$/);
    assert.equal(archived.messageId, archived.headers.get('references'));
  });

  it("repeats a sender's Message-ID in In-Reply-To and References only when it is well-formed", async () => {
    const hostile = '<x@example.org>\r\nBcc: everyone@example.net';
    await mailer().send(
      { ...message('threaded'), inReplyTo: '<CAF+abc.123@mail.example.org>' },
      'test#threaded',
    );
    await mailer().send({ ...message('not threaded'), inReplyTo: hostile }, 'test#not-threaded');
    await mailer().send({ ...message('spaces'), inReplyTo: '<a b@example.org>' }, 'test#spaces');

    const outbox = await pipeline.outbox();
    const threaded = outbox.find((e) => e.subject === 'threaded')!;
    assert.equal(threaded.headers.get('in-reply-to'), '<CAF+abc.123@mail.example.org>');
    for (const subject of ['not threaded', 'spaces']) {
      const sent = outbox.find((e) => e.subject === subject)!;
      assert.equal(sent.headers.get('in-reply-to'), undefined, subject);
      assert.equal(sent.headers.get('references'), sent.messageId, subject);
      assert.equal(sent.headers.get('bcc'), undefined, subject);
    }
  });

  it('a message SES refuses is not in the outbox, and the same key can send it once SES accepts', async () => {
    rejectNext = 1;
    await assert.rejects(mailer().send(message('refused first'), 'test#refused'), {
      name: 'MessageRejected',
    });
    assert.deepEqual(
      (await pipeline.outbox()).filter((e) => e.subject === 'refused first'),
      [],
      'nothing went out, so nothing is shown as sent',
    );

    const sent = await mailer().send(message('refused first'), 'test#refused');

    assert.equal((await pipeline.outbox()).filter((e) => e.subject === 'refused first').length, 1);
    assert.ok(sent.archived !== null);
  });

  it('a copy that cannot be archived after SES accepted does not undo the send: a retry sends nothing', async () => {
    const before = (await pipeline.sesStore()).length;
    failArchive = 1;

    const sent = await mailer().send(message('not archived'), 'test#not-archived');
    sesCalls = 0;
    const again = await mailer().send(message('not archived'), 'test#not-archived');

    assert.equal(sent.archived, null);
    assert.deepEqual(logged, [
      {
        text: 'Sent mail could not be archived',
        attributes: {
          ownMessageId: sent.ownMessageId,
          sesMessageId: logged[0]?.attributes.sesMessageId,
          kind: 'query',
          errorName: 'InternalError',
        },
      },
    ]);
    assert.deepEqual(again, sent);
    assert.equal(sesCalls, 0);
    assert.equal((await pipeline.sesStore()).length, before + 1);
  });

  it('an acknowledgement (the query) SES refused takes no rate-limit slot: the next email’s query goes out, a retried step sends nothing again', async () => {
    const { reference } = await pipeline.openCase.run({
      applicantName: 'Rate Limited',
      contacts: ['rate.limited@example.org'],
    });
    const env = pipeline.runtime.description.functionEnvironment;
    const caseMailer = new CaseMailer({
      cases: pipeline.cases,
      mailer: mailer(),
      undeliverable: new DynamoDbUndeliverableAddresses(pipeline.db, env.TABLE_NAME!),
      settings: {
        officeName: 'Amt für Migration und Integration',
        intakeAddress: 'unterlagen@intake.example.org',
        fromAddress: 'unterlagen@intake.example.org',
        replyAddressSecret: null,
        ownAddresses: {
          intakeRecipients: ['unterlagen@intake.example.org'],
          sendingAddress: 'unterlagen@intake.example.org',
          mailDomain: 'intake.example.org',
        },
      },
    });
    const acknowledge = new AcknowledgeSubmission({
      cases: pipeline.cases,
      mailer: caseMailer,
      rateLimiter: new DynamoDbRateLimiter(pipeline.db, env.TABLE_NAME!),
      periodSeconds: 86400,
    });
    const now = new Date();
    // Each email brought a file that could not be accepted: each is acknowledged (the query).
    const submission = (messageId: string) => ({
      messageId,
      files: [{ sha256: 'a'.repeat(64), filename: 'pass.zip', accepted: false, reason: 'archive' }],
    });

    rejectNext = 1;
    await assert.rejects(acknowledge.run(reference, submission('first-email'), now), {
      name: 'MessageRejected',
    });
    const second = await acknowledge.run(reference, submission('second-email'), now);
    sesCalls = 0;
    const retried = await acknowledge.run(reference, submission('second-email'), now);
    const third = await acknowledge.run(reference, submission('third-email'), now);

    assert.equal(second.sent, true);
    assert.deepEqual(retried, second, 'a retried step reports the query it sent');
    assert.equal(sesCalls, 0);
    assert.deepEqual(third, { sent: false, reason: 'rate-limited' });
    const queries = (await pipeline.outbox()).filter((e) => e.to.includes('rate.limited@example.org'));
    assert.equal(queries.length, 1);
  });

  it('of two emails reserving one slot at once exactly one may send; a reservation whose send died frees itself', async () => {
    const limiter = new DynamoDbRateLimiter(
      pipeline.db,
      pipeline.runtime.description.functionEnvironment.TABLE_NAME!,
    );
    const now = new Date('2026-05-04T10:00:00Z');
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

    const both = await Promise.all([
      limiter.reserve('k#1', 'email-a', now),
      limiter.reserve('k#1', 'email-b', now),
    ]);
    assert.deepEqual(both.sort(), [false, true]);
    const winner = both[0] ? 'email-a' : 'email-b';
    await limiter.release('k#1', 'someone-else');
    assert.equal(await limiter.reserve('k#1', 'email-c', later(5)), false, 'only the holder releases');
    assert.equal(await limiter.reserve('k#1', 'email-c', later(16)), true, 'a dead send blocks for minutes');
    await limiter.confirm('k#1', 'email-c', later(16), 86400);
    await limiter.release('k#1', 'email-c');
    assert.equal(await limiter.reserve('k#1', winner, later(60)), false, 'a confirmed send is not released');
    assert.equal(
      await limiter.reserve('k#1', 'email-c', later(60)),
      true,
      'its holder (a retried step) may go on',
    );
    assert.equal(await limiter.reserve('k#1', 'email-d', later(16 + 24 * 60)), true, 'a new period');
  });

  it('a send prints nothing on the console: no idempotency warning after every email', async () => {
    // stdout carries the test runner's own protocol: console output is captured at console.
    const printed: string[] = [];
    const stderr = mock.method(process.stderr, 'write', (chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
    const consoles = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      mock.method(console, level, (...args: unknown[]) => void printed.push(args.join(' '))),
    );
    try {
      await mailer().send(message('quiet'), 'test#quiet');
      await mailer().send(message('quiet again'), 'test#quiet-again');
    } finally {
      stderr.mock.restore();
      for (const method of consoles) method.mock.restore();
    }
    assert.deepEqual(printed, []);
  });

  it('a send that died halfway is never repeated by a retry (at most once): the retry fails for a person to look at', async () => {
    hangNext = 1;
    sesCalls = 0;
    void mailer().send(message('died halfway'), 'test#died');
    while (sesCalls === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    await assert.rejects(mailer().send(message('died halfway'), 'test#died'), {
      name: 'IdempotencyAlreadyInProgressError',
    });
    assert.equal(sesCalls, 1);
  });
});
