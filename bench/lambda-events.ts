/**
 * One representative event per handler for the cold-start benchmark: what its trigger (the
 * workflow, SQS, API Gateway, EventBridge) hands it on an ordinary run. Each passes the handler's
 * own validation, so the first invocation runs as far as its first AWS call. Synthetic values
 * only (example.org, made-up ids): nothing here is anyone's data. Bucket names come from the
 * function's environment: the handlers refuse objects outside their own buckets.
 */

/**
 * The event of a handler (by file name, functions/handlers/<name>.ts) given the function's
 * environment; undefined for a handler this file does not know yet.
 */
export function representativeEvent(handler: string, environment: Readonly<Record<string, string>>): unknown {
  const inbound = environment.INBOUND_BUCKET ?? 'inbound';
  const documents = environment.DOCUMENT_BUCKET ?? 'documents';
  const receivedAt = '2026-03-02T09:00:00.000Z';
  const caseReference = 'ABH-2026-000101';
  const messageId = 'bench-0000000000000001';
  const sha256 = 'a'.repeat(64);

  const request = {
    messageId,
    rawMail: { bucket: inbound, key: `inbound/${messageId}` },
    recipients: ['antrag@example.org'],
    envelopeSender: 'other',
    receivedAt,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', dmarcPolicy: 'none' },
  };
  const attachment = {
    sha256,
    detectedType: 'application/pdf',
    size: 48_213,
    accepted: true,
    reason: null,
    location: { bucket: documents, key: `staging/${sha256}` },
    malwareScan: 'clean',
  };
  const parsed = {
    record: { bucket: inbound, key: `parsed/${messageId}.json` },
    caseReference,
    automaticReason: null,
    attachments: [attachment],
  };
  const scan = { outcome: 'Scanned', attempt: 1, statuses: ['NO_THREATS_FOUND'] };
  const screened = {
    ...request,
    parsed,
    scan,
    screening: { outcome: 'Proceed', senderVerified: true, autoReplyAllowed: true },
  };
  const matched = { ...screened, match: { outcome: 'Matched', caseReference, by: 'reference' } };
  const recorded = {
    caseReference,
    added: 1,
    duplicates: 0,
    held: 0,
    missing: ['passport'],
    complete: false,
    next: 'SendQuery',
  };
  const decisionRequest = {
    kind: 'query',
    caseReference,
    text: 'Please send a copy of your passport.',
    decisionId: 'bench-decision-1',
    decidedAt: receivedAt,
  };
  const decisionSent = { request: decisionRequest, sent: { sentAt: receivedAt } };

  /** An SQS batch of one record with this body. */
  function sqsEvent(body: unknown): unknown {
    return {
      Records: [
        {
          messageId: 'bench-sqs-1',
          receiptHandle: 'bench',
          body: JSON.stringify(body),
          attributes: {},
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:bench',
          awsRegion: 'eu-west-1',
        },
      ],
    };
  }

  const sesReceipt = {
    notificationType: 'Received',
    mail: { messageId, timestamp: receivedAt, source: 'applicant@example.org' },
    receipt: {
      timestamp: receivedAt,
      recipients: ['antrag@example.org'],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      action: { type: 'S3', bucketName: inbound, objectKey: `inbound/${messageId}` },
    },
  };
  const sesBounce = {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: 'applicant@example.org', status: '5.1.1' }],
      timestamp: receivedAt,
    },
    mail: {
      timestamp: receivedAt,
      messageId: '0102018f-bench',
      destination: ['applicant@example.org'],
      tags: { 'ses:configuration-set': ['email-intake-dev'], kind: ['query'] },
    },
  };

  /** API Gateway (REST, Lambda proxy, IAM-authorised): a caseworker reads a case. */
  const caseworkerApiEvent = {
    httpMethod: 'GET',
    resource: '/cases/{reference}',
    path: `/cases/${caseReference}`,
    pathParameters: { reference: caseReference },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    stageVariables: null,
    isBase64Encoded: false,
    body: null,
    requestContext: {
      requestId: 'bench-request-1',
      identity: { userArn: 'arn:aws:sts::000000000000:assumed-role/Caseworker/bench' },
    },
  };

  /** HTTP API (payload 2.0): a signed-out browser opens the console (sign-in redirect, no AWS call). */
  const consoleHost = 'console-api.execute-api.eu-west-1.amazonaws.com';
  const consoleEvent = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    cookies: [],
    headers: { host: consoleHost, 'x-forwarded-proto': 'https', 'user-agent': 'bench' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'console-api',
      domainName: consoleHost,
      domainPrefix: 'console-api',
      http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bench' },
      requestId: 'bench-request-2',
      routeKey: '$default',
      stage: '$default',
      time: '02/Mar/2026:09:00:00 +0000',
      timeEpoch: Date.parse(receivedAt),
    },
    isBase64Encoded: false,
  };

  /** EventBridge's scheduled event (the digest reads nothing of it). */
  const scheduledEvent = {
    version: '0',
    id: 'bench-schedule-1',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: receivedAt,
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:000000000000:rule/bench'],
    detail: {},
  };

  return {
    'start-intake': sqsEvent({ Type: 'Notification', Message: JSON.stringify(sesReceipt) }),
    'parse-email': request,
    'scan-attachments': { ...request, parsed },
    'screen-email': { ...request, parsed, scan },
    'match-case': screened,
    'record-documents': matched,
    'recognize-documents': { ...matched, recorded },
    'file-attachments': screened,
    'send-query': matched,
    'send-triage-reply': { ...screened, match: { outcome: 'Triage', reason: 'no-match' } },
    'notify-caseworker': { ...matched, recorded },
    'send-caseworker-notification': { messageId, match: { caseReference } },
    'hold-for-person': { messageId, receivedAt, error: { Error: 'States.TaskFailed', Cause: 'bench' } },
    'release-from-hold': { messageId, retry: { attempt: 1 } },
    'decision-send': decisionRequest,
    'decision-check-answer': decisionSent,
    'decision-remind': { reminder: 'query', state: decisionSent },
    'ses-sending-events': sqsEvent({ Type: 'Notification', Message: JSON.stringify(sesBounce) }),
    'triage-digest': scheduledEvent,
    'caseworker-api': caseworkerApiEvent,
    console: consoleEvent,
  }[handler];
}
