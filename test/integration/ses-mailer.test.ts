import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { S3SentMailArchive } from '../../functions/adapters/s3-sent-mail-archive.ts';
import { SesMailer } from '../../functions/adapters/ses-mailer.ts';
import type { OutboundMessage } from '../../functions/domain/outbound-message.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';

/**
 * The SES mailer against the stand-ins. Throttling is the one fault the SES stand-in cannot
 * produce, so a middleware in the real SDK client answers the first call with SES's throttling
 * error; everything else is the real client and the real retry strategy.
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
    s3 = new S3Client({ endpoint: endpoints.s3, region, credentials, forcePathStyle: true });
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
});
