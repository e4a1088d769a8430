import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { samplePdf, sha256 } from '../helpers/sample-documents.ts';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline.ts';

/**
 * A caseworker's round through the Caseworker API, its Lambda run by the local runtime under its
 * synthesized role (so every call is checked against its IAM grants, as on AWS): import a case,
 * take an email from triage onto it, file a document, send a query through the DecisionWorkflow.
 */
const PRINCIPAL = 'arn:aws:sts::000000000000:assumed-role/Caseworker/jane.doe';

function apiEvent(
  method: string,
  resource: string,
  path: string,
  pathParameters: Record<string, string> | null = null,
  body?: unknown,
): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    resource,
    path,
    pathParameters,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    stageVariables: null,
    isBase64Encoded: false,
    body: body === undefined ? null : JSON.stringify(body),
    requestContext: {
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      identity: { userArn: PRINCIPAL },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

describe('Caseworker API through the local runtime (IAM checked)', () => {
  let pipeline: TestPipeline;
  let call: (
    event: APIGatewayProxyEvent,
  ) => Promise<{ status: number; body: Record<string, unknown> | null }>;

  before(async () => {
    pipeline = await startTestPipeline({
      waitTimeOverrides: { WaitForAnswer: 300, WaitAfterReminder: 300, WaitUntilDayBefore: 300 },
    });
    const [api] = [...pipeline.runtime.lambdas.entries()].filter(([id]) => id.startsWith('CaseworkerApi'));
    assert.ok(api, 'the CDK app has a caseworker API function');
    call = async (event) => {
      const response = (await api[1].invoke(event)) as APIGatewayProxyResult;
      return {
        status: response.statusCode,
        body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : null,
      };
    };
  });

  after(async () => {
    await pipeline?.stop();
  });

  it('imports a case, assigns a triaged email to it, files its document and sends a query', async () => {
    const reference = 'ABH-2026-000301';
    const imported = await call(
      apiEvent('POST', '/cases/import', '/cases/import', null, {
        csv: `reference,name,email,language\n${reference},Mehmet Kaya,kaya@example.org,de`,
      }),
    );
    assert.deepEqual([imported.status, imported.body?.created], [200, [reference]]);

    // An email from an address the case does not know waits in triage.
    const passport = samplePdf('Reisepass');
    const messageId = await pipeline.send({
      from: 'Mehmet Kaya <m.kaya@example.com>',
      to: pipeline.intakeAddress,
      subject: 'Unterlagen',
      text: 'Guten Tag, anbei mein Pass.',
      attachments: [{ filename: 'Reisepass.pdf', content: passport, contentType: 'application/pdf' }],
    });
    const intake = await pipeline.runtime.waitForExecution(messageId);
    assert.equal(intake.status, 'SUCCEEDED', `${intake.error}: ${intake.cause}`);

    const triage = await call(apiEvent('GET', '/triage', '/triage'));
    assert.equal(triage.status, 200);
    assert.ok((triage.body as unknown as { messageId: string }[]).some((e) => e.messageId === messageId));

    const assigned = await call(
      apiEvent(
        'POST',
        '/triage/{messageId}/assign',
        `/triage/${messageId}/assign`,
        { messageId },
        {
          reference,
          addContact: true,
        },
      ),
    );
    assert.deepEqual(
      [assigned.status, assigned.body?.caseReference, assigned.body?.added],
      [200, reference, 1],
    );

    const document = sha256(passport);
    const filed = await call(
      apiEvent(
        'PUT',
        '/cases/{reference}/documents/{sha256}',
        `/cases/${reference}/documents/${document}`,
        { reference, sha256: document },
        { checklistItem: 'passport' },
      ),
    );
    assert.equal(filed.status, 204);
    const shown = await call(apiEvent('GET', '/cases/{reference}', `/cases/${reference}`, { reference }));
    assert.equal(shown.status, 200);
    assert.ok((shown.body?.case as { contacts: string[] }).contacts.includes('m.kaya@example.com'));
    assert.ok(!(shown.body?.missing as string[]).includes('passport'));

    const decided = await call(
      apiEvent(
        'POST',
        '/cases/{reference}/decisions',
        `/cases/${reference}/decisions`,
        { reference },
        {
          kind: 'query',
          text: 'Bitte senden Sie uns noch Ihre Meldebescheinigung.',
        },
      ),
    );
    assert.deepEqual([decided.status, decided.body?.outcome], [202, 'started']);
    const decision = await pipeline.runtime.waitForExecution(String(decided.body?.decisionId));
    assert.equal(decision.status, 'SUCCEEDED', `${decision.error}: ${decision.cause}`);
    const sent = await pipeline.outbox();
    assert.ok(sent.some((mail) => mail.text.includes('Meldebescheinigung')));
  });
});
