import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDbUndeliverableAddresses } from '../../functions/adapters/dynamodb-undeliverable-addresses.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { logger } from '../../functions/shared/logger.ts';
import { OpenCase } from '../../functions/use-cases/open-case.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** One SQS record carrying `payload` as SNS delivers it: raw, or inside the SNS envelope. */
function sqsRecord(payload: unknown, options: { envelope?: boolean } = {}): SQSRecord {
  const message = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: options.envelope
      ? JSON.stringify({
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn:aws:sns:eu-west-1:000000000000:email-intake-dev-mail-feedback',
          Message: message,
        })
      : message,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'sns',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:feedback',
    awsRegion: 'eu-west-1',
  };
}

const mail = (sesMessageId: string, destination: string[]) => ({
  timestamp: '2026-03-02T09:00:00.000Z',
  source: 'intake@intake.example.org',
  messageId: sesMessageId,
  destination,
  tags: { 'ses:configuration-set': ['email-intake-dev'], kind: ['query'] },
});

/** SES event publishing records, shaped as in the SES guide's SNS examples. */
const bounceEvent = (
  sesMessageId: string,
  addresses: string[],
  bounceType: 'Permanent' | 'Transient' | 'Undetermined',
) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: addresses.map((emailAddress) => ({
      emailAddress,
      action: 'failed',
      status: '5.1.1',
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    })),
    timestamp: '2026-03-02T09:00:05.000Z',
    feedbackId: randomUUID(),
    reportingMTA: 'dsn; mta.example.org',
  },
  mail: mail(sesMessageId, addresses),
});

const complaintEvent = (sesMessageId: string, addresses: string[]) => ({
  eventType: 'Complaint',
  complaint: {
    complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })),
    complaintFeedbackType: 'abuse',
    timestamp: '2026-03-02T10:00:00.000Z',
    feedbackId: randomUUID(),
  },
  mail: mail(sesMessageId, addresses),
});

describe('SES sending events handler (SQS events, on the local stand-ins)', () => {
  let pipeline: TestPipeline;
  let outboxBefore = 0;
  let handler: Handler;
  let cases: ReturnType<typeof caseRepository>;
  let undeliverable: DynamoDbUndeliverableAddresses;
  let openCase: OpenCase;
  let logged: { level: string; message: string; attributes: Record<string, unknown> }[] = [];

  const handle = (...records: SQSRecord[]) => handler({ Records: records }, {} as Context);

  /** A case that sent one email, which SES numbered `sesMessageId` (`<id@eu-west-1.amazonses.com>`). */
  async function caseThatSent(sesMessageId: string, contact: string): Promise<string> {
    const { reference } = await openCase.run({ applicantName: 'Ayşe Yılmaz', contacts: [contact] });
    await cases.recordSentMessageIds(reference, [`<${sesMessageId}@eu-west-1.amazonses.com>`]);
    return reference;
  }

  /** The caseworker alerts sent since the test began (the system's own copies of its emails). */
  const alerts = async () =>
    (await pipeline.outbox())
      .slice(outboxBefore)
      .filter((e) => e.subject.includes('E-Mail-Adresse nicht erreichbar'))
      .map((e) => ({
        caseReference: String(e.headers.get('x-intake-case')),
        kind: /als Spam gemeldet/.test(e.text) ? 'complaint' : 'permanent-bounce',
        to: e.to,
      }));

  before(async () => {
    pipeline = await startTestPipeline();
    const { runtime } = pipeline;
    // The handler reads its environment once, at load: set it before importing. It runs in this
    // process (not a worker) so the test can watch its log lines.
    Object.assign(process.env, {
      TABLE_NAME: runtime.description.functionEnvironment.TABLE_NAME,
      DOCUMENT_BUCKET: runtime.description.functionEnvironment.DOCUMENT_BUCKET,
      INTAKE_FROM_ADDRESS: 'unterlagen@intake.example.org',
      REPLY_ADDRESS_SECRET_ARN: runtime.app.secrets[0]!.arn,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: runtime.endpoints.secretsManager,
      AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: runtime.endpoints.s3,
      AWS_ENDPOINT_URL_SESV2: runtime.endpoints.ses,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: runtime.description.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: runtime.description.credentials.secretAccessKey,
    });
    ({ handler } = (await import('../../functions/handlers/ses-sending-events.ts')) as unknown as {
      handler: Handler;
    });
    cases = pipeline.cases;
    undeliverable = new DynamoDbUndeliverableAddresses(
      pipeline.db,
      runtime.description.functionEnvironment.TABLE_NAME!,
    );
    openCase = pipeline.openCase;
  });

  beforeEach(async () => {
    outboxBefore = (await pipeline.outbox()).length;
    logged = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      mock.method(logger, level, (message: string, attributes: Record<string, unknown> = {}) => {
        logged.push({ level, message, attributes });
      });
    }
  });

  after(async () => {
    mock.restoreAll();
    await pipeline?.stop();
  });

  it('a permanent bounce marks the address on the case that sent the mail, logs it there and alerts', async () => {
    const reference = await caseThatSent('0102abc', 'ayse.yilmaz@example.org');

    const response = await handle(
      sqsRecord(bounceEvent('0102abc', ['Ayse.Yilmaz@example.org'], 'Permanent')),
    );

    assert.deepEqual(response.batchItemFailures, []);
    assert.deepEqual(await undeliverable.list(reference), [
      { address: 'ayse.yilmaz@example.org', reason: 'permanent-bounce', at: '2026-03-02T09:00:05.000Z' },
    ]);
    const log = await cases.log(reference);
    // The bounce, then the alert sent to the caseworker about it.
    assert.deepEqual(
      log.map((e) => e.note),
      ['bounced: permanent', 'caseworker-undeliverable'],
    );
    assert.equal(log[0]!.direction, 'out');
    assert.equal(log[0]!.messageId, '<0102abc@eu-west-1.amazonses.com>');
    assert.deepEqual(log[0]!.to, ['ayse.yilmaz@example.org']);
    assert.deepEqual(await alerts(), [
      { caseReference: reference, kind: 'permanent-bounce', to: ['team@intake.example.org'] },
    ]);
  });

  it('is handled the same by the function the local runtime runs under its synthesized role', async () => {
    const reference = await caseThatSent('0102iam', 'checked.bounce@example.org');
    const [, lambda] = [...pipeline.runtime.lambdas].find(([id]) => id.startsWith('SesSendingEvents'))!;

    const response = (await lambda.invoke({
      Records: [sqsRecord(bounceEvent('0102iam', ['checked.bounce@example.org'], 'Permanent'))],
    })) as SQSBatchResponse;

    assert.deepEqual(response.batchItemFailures, []);
    assert.deepEqual(
      (await undeliverable.list(reference)).map((u) => u.address),
      ['checked.bounce@example.org'],
    );
    assert.deepEqual(await alerts(), [
      { caseReference: reference, kind: 'permanent-bounce', to: ['team@intake.example.org'] },
    ]);
  });

  it('a complaint (inside the SNS envelope) marks the address and alerts', async () => {
    const reference = await caseThatSent('0102def', 'complainer@example.org');

    const response = await handle(
      sqsRecord(complaintEvent('0102def', ['complainer@example.org']), { envelope: true }),
    );

    assert.deepEqual(response.batchItemFailures, []);
    assert.deepEqual(
      (await undeliverable.list(reference)).map((u) => [u.address, u.reason]),
      [['complainer@example.org', 'complaint']],
    );
    assert.equal((await cases.log(reference))[0]?.note, 'complaint: marked as spam');
    assert.deepEqual(await alerts(), [
      { caseReference: reference, kind: 'complaint', to: ['team@intake.example.org'] },
    ]);
  });

  it('a transient bounce is only logged: nothing marked, nothing on the case, no alert', async () => {
    const reference = await caseThatSent('0102ghi', 'full.mailbox@example.org');

    const response = await handle(
      sqsRecord(bounceEvent('0102ghi', ['full.mailbox@example.org'], 'Transient')),
    );

    assert.deepEqual(response.batchItemFailures, []);
    assert.deepEqual(await undeliverable.list(reference), []);
    assert.deepEqual(await cases.log(reference), []);
    assert.deepEqual(await alerts(), []);
    assert.ok(
      logged.some(
        (l) => l.attributes.reason === 'transient-bounce' && l.attributes.sesMessageId === '0102ghi',
      ),
    );
  });

  it('an event about a message no case sent changes nothing and does not fail', async () => {
    const reference = await caseThatSent('0102jkl', 'someone@example.org');

    const response = await handle(sqsRecord(bounceEvent('0102zzz', ['someone@example.org'], 'Permanent')));

    assert.deepEqual(response.batchItemFailures, []);
    assert.deepEqual(await undeliverable.list(reference), []);
    assert.deepEqual(await cases.log(reference), []);
    assert.deepEqual(await alerts(), []);
    assert.ok(logged.some((l) => l.attributes.outcome === 'unknown-message'));
  });

  it('reports only the malformed record of a batch as a failure', async () => {
    const reference = await caseThatSent('0102mno', 'batch@example.org');
    const malformed = [
      sqsRecord('not json at all'),
      sqsRecord({ eventType: 'Bounce', mail: { messageId: '0102mno' } }),
      sqsRecord({ eventType: 'Bounce', mail: mail('0102mno', []) }),
      sqsRecord({ Type: 'Notification', Message: '{"eventType":' }),
    ];
    const good = sqsRecord(bounceEvent('0102mno', ['batch@example.org'], 'Permanent'));

    const response = await handle(malformed[0]!, good, ...malformed.slice(1));

    assert.deepEqual(
      response.batchItemFailures.map((f) => f.itemIdentifier),
      malformed.map((r) => r.messageId),
    );
    assert.equal((await undeliverable.list(reference)).length, 1);
  });

  it('the same event delivered twice marks and logs once', async () => {
    const reference = await caseThatSent('0102pqr', 'twice@example.org');
    const event = bounceEvent('0102pqr', ['twice@example.org'], 'Permanent');

    await handle(sqsRecord(event));
    const response = await handle(sqsRecord(event, { envelope: true }));

    assert.deepEqual(response.batchItemFailures, []);
    assert.equal((await undeliverable.list(reference)).length, 1);
    assert.equal((await cases.log(reference)).filter((e) => e.note === 'bounced: permanent').length, 1);
  });

  it('ignores sending events other than bounces and complaints, and receipt notifications', async () => {
    const reference = await caseThatSent('0102stu', 'other@example.org');

    const response = await handle(
      sqsRecord({ eventType: 'Reject', reject: { reason: 'Bad content' }, mail: mail('0102stu', []) }),
      sqsRecord({ eventType: 'Delivery', delivery: {}, mail: mail('0102stu', ['other@example.org']) }),
      sqsRecord(
        { notificationType: 'Received', mail: { ...mail('0102stu', []), tags: undefined }, receipt: {} },
        { envelope: true },
      ),
    );

    assert.deepEqual(response.batchItemFailures, []);
    assert.deepEqual(await undeliverable.list(reference), []);
    assert.deepEqual(
      logged.map((l) => l.attributes.reason),
      ['rejected', 'not-feedback', 'not-feedback'],
    );
  });

  it('writes no email address into the logs, not even for a malformed record', async () => {
    await caseThatSent('0102vwx', 'private.person@example.org');

    await handle(
      sqsRecord(bounceEvent('0102vwx', ['private.person@example.org'], 'Permanent')),
      sqsRecord(complaintEvent('0102vwx', ['private.person@example.org'])),
      sqsRecord('{"eventType":"Bounce","mail":{"destination":["private.person@example.org"]'),
      sqsRecord({ eventType: 'Bounce', mail: { destination: ['private.person@example.org'] } }),
    );

    assert.equal(logged.filter((l) => l.level === 'error').length, 2, 'both malformed records are logged');
    const text = JSON.stringify(logged, (_key, value: unknown) =>
      value instanceof Error ? `${value.name}: ${value.message}` : value,
    );
    assert.doesNotMatch(text, /private\.person|@example\.org/);
  });
});
