import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DynamoDbTriageRepository } from '../../functions/adapters/dynamodb-triage-repository.ts';
import { caseRepository } from '../../functions/shared/case-repository.ts';
import { logger } from '../../functions/shared/logger.ts';
import { RecordDocuments } from '../../functions/use-cases/record-documents.ts';
import { ensureTable, freePort, startDynamoDb, type RunningEmulator } from '../../local/emulators.ts';
import { synthesizeApp } from '../../local/synthesized-app.ts';
import { LocalStepFunctions } from '../../local/step-functions-service.ts';
import { inboundEmail, storedAttachment } from '../helpers/inbound-email.ts';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const PRINCIPAL = 'arn:aws:sts::000000000000:assumed-role/Caseworker/jane.doe';
const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** An API Gateway (REST, Lambda proxy) event as IAM-authorised requests arrive. */
function apiEvent(
  method: string,
  resource: string,
  path: string,
  options: { pathParameters?: Record<string, string>; body?: unknown; contentType?: string } = {},
): APIGatewayProxyEvent {
  const body =
    options.body === undefined
      ? null
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return {
    httpMethod: method,
    resource,
    path,
    pathParameters: options.pathParameters ?? null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    headers: { 'Content-Type': options.contentType ?? 'application/json' },
    multiValueHeaders: {},
    stageVariables: null,
    isBase64Encoded: false,
    body,
    requestContext: {
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      identity: { userArn: PRINCIPAL },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

describe('Caseworker API handler (API Gateway events, DynamoDB Local)', () => {
  let dynamo: RunningEmulator;
  // Stands in for the DecisionWorkflow: records what the API starts, sends nothing.
  const decisionArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:DecisionWorkflowTest';
  const intakeArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:IntakeWorkflowTest';
  const decisions = new LocalStepFunctions(
    [
      {
        logicalId: 'DecisionWorkflowTest',
        arn: decisionArn,
        definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
        taskFunctions: {},
      },
      // Stands in for the IntakeWorkflow, which retries of held messages start.
      {
        logicalId: 'IntakeWorkflowTest',
        arn: intakeArn,
        definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
        taskFunctions: {},
      },
    ],
    async () => null,
  );
  let handler: Handler;
  let cases: ReturnType<typeof caseRepository>;
  let triage: DynamoDbTriageRepository;
  const logged: unknown[] = [];

  const call = async (event: APIGatewayProxyEvent) => {
    const response = await handler(event, {} as Context);
    const body = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : null;
    return { status: response.statusCode, body, headers: response.headers ?? {} };
  };
  const openCase = (body: unknown) => call(apiEvent('POST', '/cases', '/cases', { body }));
  const getCase = (reference: string) =>
    call(apiEvent('GET', '/cases/{reference}', `/cases/${reference}`, { pathParameters: { reference } }));
  const reassign = (reference: string, sha256: string, body: unknown) =>
    call(
      apiEvent('PUT', '/cases/{reference}/documents/{sha256}', `/cases/${reference}/documents/${sha256}`, {
        pathParameters: { reference, sha256 },
        body,
      }),
    );
  const assign = (messageId: string, body: unknown) =>
    call(
      apiEvent('POST', '/triage/{messageId}/assign', `/triage/${messageId}/assign`, {
        pathParameters: { messageId },
        body,
      }),
    );

  before(async () => {
    const app = await synthesizeApp();
    const [[tableName, properties]] = [...app.tables] as [[string, Record<string, unknown>]];
    const started = await startDynamoDb(await freePort(), null);
    dynamo = started;
    await ensureTable(started.client, tableName, properties);
    // The handler reads its environment once, at load: set it before importing.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: started.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      INTAKE_CASEWORKER_MAILBOX: 'team@intake.example.org',
      STATE_MACHINE_ARN: decisionArn,
      INTAKE_STATE_MACHINE_ARN: intakeArn,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${await decisions.listen(0)}`,
    });
    ({ handler } = (await import('../../functions/handlers/caseworker-api.ts')) as unknown as {
      handler: Handler;
    });
    const db = DynamoDBDocumentClient.from(started.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    cases = caseRepository(db, tableName, {});
    triage = new DynamoDbTriageRepository(db, tableName);
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      mock.method(logger, level, (...args: unknown[]) => void logged.push(args));
    }
  });

  after(async () => {
    mock.restoreAll();
    await decisions.close();
    await dynamo?.stop();
  });

  describe('POST /cases', () => {
    it('opens a case with the office’s reference (201), and refuses it a second time (409), leaving the case', async () => {
      const body = { name: 'Ayşe Yılmaz', emails: ['Ayse@Example.org'], reference: 'abh 2026/101' };
      assert.deepEqual(await openCase(body).then((r) => [r.status, r.body]), [
        201,
        { reference: 'ABH-2026-000101', outcome: 'created' },
      ]);
      const other = { name: 'Someone Else', emails: ['else@example.org'], reference: 'ABH-2026-000101' };
      assert.deepEqual(await openCase(other).then((r) => [r.status, r.body]), [
        409,
        {
          error: 'the case exists already',
          problems: ['A case ABH-2026-000101 exists already; it was left unchanged'],
        },
      ]);
      const view = await getCase('ABH-2026-000101');
      assert.equal((view.body?.case as { applicantName: string }).applicantName, 'Ayşe Yılmaz');
    });

    it('draws a reference when none is given and assigns the team mailbox', async () => {
      const { status, body } = await openCase({ name: 'New', emails: ['new@example.org'], language: 'en' });
      assert.equal(status, 201);
      assert.match(String(body?.reference), /^ABH-\d{4}-\d{6}$/);
      const view = await getCase(String(body?.reference));
      assert.equal((view.body?.case as { caseworker: string }).caseworker, 'team@intake.example.org');
    });

    it('answers 422 with every problem when the values make no case', async () => {
      const { status, body } = await openCase({ name: ' ', emails: ['not-an-address'], type: 'visa' });
      assert.equal(status, 422);
      assert.equal(body?.error, 'the case cannot be opened');
      assert.equal((body?.problems as string[]).length, 3);
    });

    it('answers 400 naming each field of a body of the wrong shape', async () => {
      const { status, body } = await openCase({ name: 7, email: 'x@example.org' });
      assert.equal(status, 400);
      const problems = (body?.problems as string[]).join(' | ');
      assert.match(problems, /name: /);
      assert.match(problems, /emails: /);
      assert.match(problems, /email/); // the unknown key, a likely typo
    });

    it('answers 400 to a body that is not JSON and 415 to one that is not sent as JSON', async () => {
      const broken = await call(apiEvent('POST', '/cases', '/cases', { body: '{"name": ' }));
      assert.deepEqual([broken.status, broken.body?.error], [400, 'the body is not valid JSON']);
      const text = await call(apiEvent('POST', '/cases', '/cases', { body: 'x', contentType: 'text/plain' }));
      assert.equal(text.status, 415);
    });
  });

  describe('GET /cases/{reference}', () => {
    it('shows the case with its checklist, finding it however the reference is typed', async () => {
      const { status, body, headers } = await getCase('abh-2026-101');
      assert.equal(status, 200);
      assert.equal((body?.case as { reference: string }).reference, 'ABH-2026-000101');
      assert.ok((body?.missing as string[]).includes('passport'));
      assert.equal(headers['Cache-Control'], 'no-store');
    });

    it('answers 404 for no such case and 400 for something that is no reference', async () => {
      assert.equal((await getCase('ABH-2026-999999')).status, 404);
      const bad = await getCase('passport');
      assert.deepEqual([bad.status, bad.body?.problems], [400, ['reference: not a case reference']]);
    });
  });

  describe('POST /cases/import', () => {
    const importCsv = (csv: unknown) =>
      call(apiEvent('POST', '/cases/import', '/cases/import', { body: { csv } }));

    it('imports good rows and lists rejected ones with their line', async () => {
      const csv = [
        'reference,name,email,language',
        'ABH-2026-000201,Mehmet Kaya,kaya@example.org,de',
        'ABH-2026-000101,Ayşe Yılmaz,ayse@example.org,de',
        ',No Reference,noref@example.org,en',
      ].join('\n');
      const { status, body } = await importCsv(csv);
      assert.equal(status, 200);
      assert.deepEqual(body?.created, ['ABH-2026-000201']);
      assert.deepEqual(body?.unchanged, ['ABH-2026-000101']);
      assert.deepEqual(
        (body?.rejected as { line: number }[]).map((r) => r.line),
        [4],
      );
      // The stage config's default (notifyOnImport: false): no imported applicant is written to.
      const welcomes = (reference: string) =>
        decisions.executions().filter((e) => e.name === `${reference}-welcome`);
      assert.equal(welcomes('ABH-2026-000201').length, 0);
      const notified = await call(
        apiEvent('POST', '/cases/import', '/cases/import', {
          body: { csv: 'reference,name,email\nABH-2026-000202,Notified,notified@example.org', notify: true },
        }),
      );
      assert.deepEqual(notified.body?.created, ['ABH-2026-000202']);
      assert.equal(welcomes('ABH-2026-000202').length, 1, 'asked for: the checklist goes out');
    });

    it('answers 413 to more rows than one request may import, 422 to unreadable CSV', async () => {
      const rows = Array.from(
        { length: 501 },
        (_, i) => `ABH-2026-${String(i + 1).padStart(6, '0')},N,n@example.org`,
      );
      const tooMany = await importCsv(['reference,name,email', ...rows].join('\n'));
      assert.equal(tooMany.status, 413);
      assert.match((tooMany.body?.problems as string[])[0]!, /501 rows, at most 500/);
      assert.equal((await importCsv('reference,name\n"unclosed,x')).status, 422);
      assert.equal((await importCsv(42)).status, 400);
    });
  });

  describe('PUT /cases/{reference}/documents/{sha256}', () => {
    before(async () => {
      const email = inboundEmail({ attachments: [storedAttachment(sha(1), 'scan001.pdf')] });
      await new RecordDocuments(cases).run('ABH-2026-000101', email, 'matched by contact');
    });

    it('puts a document under a checklist item (204), and under none', async () => {
      const { status, body } = await reassign('ABH-2026-000101', sha(1).toUpperCase(), {
        checklistItem: 'passport',
      });
      assert.deepEqual([status, body], [204, null]);
      const view = await getCase('ABH-2026-000101');
      assert.ok(!(view.body?.missing as string[]).includes('passport'));
      assert.equal((await reassign('ABH-2026-000101', sha(1), { checklistItem: null })).status, 204);
    });

    it('answers 422 for an item not on the checklist, 404 for an unknown document or case', async () => {
      const item = await reassign('ABH-2026-000101', sha(1), { checklistItem: 'horoscope' });
      assert.equal(item.status, 422);
      assert.match(String(item.body?.error), /not on the checklist/);
      assert.equal((await reassign('ABH-2026-000101', sha(2), { checklistItem: 'passport' })).status, 404);
      assert.equal((await reassign('ABH-2026-999999', sha(1), { checklistItem: 'passport' })).status, 404);
    });

    it('answers 400 to a hash that is none and to a missing checklistItem', async () => {
      assert.equal((await reassign('ABH-2026-000101', 'abc', { checklistItem: null })).status, 400);
      assert.equal((await reassign('ABH-2026-000101', sha(1), {})).status, 400);
    });
  });

  describe('triage', () => {
    const held = {
      messageId: 'heldretryable0001',
      rawMail: { bucket: 'inbound-bucket', key: 'inbound/heldretryable0001' },
      recipients: ['intake@intake.example.org'],
      envelopeSender: 'other',
      receivedAt: '2026-03-01T09:00:00.000Z',
      verdicts: {
        spam: 'PASS',
        virus: 'PASS',
        spf: 'PASS',
        dkim: 'PASS',
        dmarc: 'PASS',
        dmarcPolicy: 'none',
      },
    } as const;
    const waiting = inboundEmail({
      from: 'stranger@example.com',
      attachments: [storedAttachment(sha(3), 'Reisepass.pdf')],
    });

    before(async () => {
      const entry = {
        reason: 'no-match' as const,
        receivedAt: waiting.receivedAt,
        suggestedCases: [],
        detail: null,
      };
      await triage.add({ ...entry, messageId: waiting.messageId, email: waiting });
      await triage.add({ ...entry, messageId: 'heldbeforeread', reason: 'processing-error' });
      await triage.hold({
        ...entry,
        messageId: held.messageId,
        reason: 'processing-error',
        detail: 'ProvisionedThroughputExceededException',
        attempts: 2,
        request: held,
      });
    });

    const retry = (messageId: string) =>
      call(
        apiEvent('POST', '/triage/{messageId}/retry', `/triage/${messageId}/retry`, {
          pathParameters: { messageId },
        }),
      );

    it('POST /triage/{messageId}/retry runs the IntakeWorkflow again on the held run’s input, once per attempt', async () => {
      const first = await retry(held.messageId);
      const again = await retry(held.messageId);
      assert.deepEqual(
        [first.status, first.body, again.status, again.body?.outcome],
        [202, { messageId: held.messageId, attempt: 2, outcome: 'started' }, 200, 'already-started'],
      );
      const started = decisions.executions().filter((e) => e.stateMachineArn === intakeArn);
      assert.deepEqual(
        started.map((e) => [e.name, JSON.parse(e.input)]),
        [[`${held.messageId}-retry-2`, { ...held, retry: { attempt: 2 } }]],
      );
    });

    it('refuses to retry what is not held (409), held without its input (409) or unknown (404)', async () => {
      const notHeld = await retry(waiting.messageId);
      assert.equal(notHeld.status, 409);
      assert.match(String(notHeld.body?.error), /no-match, not held after a failed step/);
      assert.equal((await retry('heldbeforeread')).status, 409);
      assert.equal((await retry('nosuchmessage')).status, 404);
      assert.equal((await retry('bad id!')).status, 400);
    });

    it('GET /triage lists the waiting messages', async () => {
      const { status, body } = await call(apiEvent('GET', '/triage', '/triage'));
      assert.equal(status, 200);
      const ids = (body as unknown as { messageId: string }[]).map((e) => e.messageId);
      assert.deepEqual(ids.sort(), [waiting.messageId, 'heldbeforeread', held.messageId].sort());
    });

    it('answers 404 for an unknown message or case, 409 for an entry that cannot be assigned', async () => {
      assert.equal((await assign('nosuchmessage', { reference: 'ABH-2026-000101' })).status, 404);
      assert.equal((await assign(waiting.messageId, { reference: 'ABH-2026-999999' })).status, 404);
      assert.equal((await assign('heldbeforeread', { reference: 'ABH-2026-000101' })).status, 409);
      assert.equal((await assign('bad id!', { reference: 'ABH-2026-000101' })).status, 400);
      assert.equal(
        (await assign(waiting.messageId, { reference: 'ABH-2026-000101', addContact: 'yes' })).status,
        400,
      );
    });

    it('POST /triage/{messageId}/assign records the email on the case and takes it off the list', async () => {
      const { status, body } = await assign(waiting.messageId, {
        reference: 'abh-2026-201',
        addContact: true,
      });
      assert.equal(status, 200);
      assert.deepEqual([body?.caseReference, body?.added], ['ABH-2026-000201', 1]);
      assert.equal(await triage.get(waiting.messageId), null);
      assert.ok((await cases.get('ABH-2026-000201'))?.contacts.includes('stranger@example.com'));
      // The case's contacts get the acknowledgement (through the DecisionWorkflow).
      const acknowledgement = decisions
        .executions()
        .find((e) => e.name === `ABH-2026-000201-acknowledgement-${waiting.messageId}`);
      assert.deepEqual(JSON.parse(acknowledgement!.input).kind, 'acknowledgement');
    });
  });

  describe('routing and the audit log', () => {
    it('answers 404 to an unknown route and 405 with Allow to a known path with another method', async () => {
      assert.equal((await call(apiEvent('GET', '/{proxy+}', '/nowhere'))).status, 404);
      const wrong = await call(apiEvent('PUT', '/cases/{reference}', '/cases/ABH-2026-000101'));
      assert.deepEqual([wrong.status, wrong.headers.Allow], [405, 'GET, DELETE']);
    });

    it('logs method, route, status and the caller’s principal, and nothing of the body', async () => {
      logged.length = 0;
      await openCase({ name: 'Secret Person', emails: ['secret.person@example.org'] });
      await openCase({ name: 'Secret Person', emails: ['broken'] });
      const lines = JSON.stringify(logged);
      assert.doesNotMatch(lines, /Secret|secret\.person|broken/);
      const audit = logged.map((args) => (args as [string, Record<string, unknown>])[1]);
      assert.deepEqual(
        audit.map((a) => [a.method, a.route, a.status, a.principal]),
        [
          ['POST', '/cases', 201, PRINCIPAL],
          ['POST', '/cases', 422, PRINCIPAL],
        ],
      );
    });
  });

  describe('POST /cases/{reference}/decisions', () => {
    const decide = (reference: string, body: unknown) =>
      call(
        apiEvent('POST', '/cases/{reference}/decisions', `/cases/${reference}/decisions`, {
          pathParameters: { reference },
          body,
        }),
      );

    it('starts the DecisionWorkflow once for a decision (202), and not again for the same one (200)', async () => {
      await openCase({ name: 'Decided', emails: ['decided@example.org'], reference: 'ABH-2026-000901' });
      // Opening it started the applicant's checklist email.
      assert.ok(decisions.executions().some((e) => e.name === 'ABH-2026-000901-welcome'));
      const at = new Date(Date.now() + 7 * 86400_000).toISOString();
      const first = await decide('abh-2026-901', { kind: 'invitation', at });
      const second = await decide('ABH-2026-000901', { kind: 'invitation', at });
      assert.deepEqual(
        [first.status, first.body?.outcome, second.status, second.body?.outcome],
        [202, 'started', 200, 'already-started'],
      );
      const started = decisions
        .executions()
        .filter((e) => e.stateMachineArn === decisionArn && JSON.parse(e.input).kind === 'invitation');
      assert.equal(started.length, 1);
      assert.deepEqual(JSON.parse(started[0]!.input), {
        kind: 'invitation',
        caseReference: 'ABH-2026-000901',
        appointmentAt: at,
        decisionId: first.body?.decisionId,
        decidedAt: JSON.parse(started[0]!.input).decidedAt,
      });
    });

    it('reads a time without offset as the office local time and echoes it as the applicant reads it', async () => {
      await openCase({ name: 'Local', emails: ['local@example.org'], reference: 'ABH-2026-000903' });
      const before = decisions.executions().length;
      // Summer time (+02:00), winter time (+01:00), and the day after each change.
      const cases = [
        ['2027-04-15T10:00', '2027-04-15T08:00:00.000Z', 'Do., 15.04.2027, 10:00 Uhr'],
        ['2027-01-14T10:00', '2027-01-14T09:00:00.000Z', 'Do., 14.01.2027, 10:00 Uhr'],
        ['2027-03-29T09:00', '2027-03-29T07:00:00.000Z', 'Mo., 29.03.2027, 09:00 Uhr'],
        ['2027-11-01T09:00', '2027-11-01T08:00:00.000Z', 'Mo., 01.11.2027, 09:00 Uhr'],
      ] as const;
      for (const [at, instant, echo] of cases) {
        const answer = await decide('ABH-2026-000903', { kind: 'invitation', at });
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
        assert.equal(answer.body?.appointment, echo);
        assert.equal(answer.body?.appointmentAt, instant);
      }
      const started = decisions.executions().slice(before);
      assert.deepEqual(
        started.map((execution) => JSON.parse(execution.input).appointmentAt),
        cases.map(([, instant]) => instant),
      );
    });

    it('refuses a local time the clocks skip and says which of a doubled hour it took', async () => {
      await openCase({ name: 'Dst', emails: ['dst@example.org'], reference: 'ABH-2026-000904' });
      const skipped = await decide('ABH-2026-000904', { kind: 'invitation', at: '2027-03-28T02:30' });
      assert.equal(skipped.status, 422);
      assert.match(String(skipped.body?.error), /2027-03-28 02:30 does not exist in Europe\/Berlin/);
      const doubled = await decide('ABH-2026-000904', { kind: 'invitation', at: '2027-10-31T02:30' });
      assert.equal(doubled.status, 202);
      assert.equal(doubled.body?.appointmentAt, '2027-10-31T00:30:00.000Z');
      assert.equal(doubled.body?.appointment, 'So., 31.10.2027, 02:30 Uhr');
      assert.match(String(doubled.body?.note), /happens twice.*first time, 2027-10-31T02:30\+02:00/);
      const second = await decide('ABH-2026-000904', { kind: 'invitation', at: '2027-10-31T02:30+01:00' });
      assert.equal(second.body?.appointmentAt, '2027-10-31T01:30:00.000Z');
      assert.equal(second.body?.note, null);
    });

    it('answers 404 for an unknown case, 422 for an appointment in the past, 400 for a body of the wrong shape', async () => {
      await openCase({ name: 'Late', emails: ['late@example.org'], reference: 'ABH-2026-000902' });
      const unknown = await decide('ABH-2026-999999', { kind: 'query', text: 'Bitte das Foto.' });
      const past = await decide('ABH-2026-000902', { kind: 'invitation', at: '2020-01-01T10:00:00Z' });
      const wrong = await decide('ABH-2026-000902', { kind: 'invitation', when: 'tomorrow' });
      const nothingToCancel = await decide('ABH-2026-000902', { kind: 'cancellation' });
      assert.deepEqual(
        [unknown.status, past.status, wrong.status, nothingToCancel.status],
        [404, 422, 400, 422],
      );
      assert.match(String(nothingToCancel.body?.error), /has no appointment to cancel/);
    });
  });
});
