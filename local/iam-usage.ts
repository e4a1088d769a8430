import type { FunctionIam } from './iam-policies.ts';
import { grantedActions } from './iam-policies.ts';

/**
 * Which granted actions a run never used, per function: the least-privilege check behind
 * `npm run iam-report`. The local IAM check records every allowed (function, action); what a
 * role grants beyond that is excess, unless AWS itself uses it on the function's behalf, or the
 * code needs it on a path the tests cannot take — each of those is explained here.
 */
export interface UsageRecord {
  readonly function: string;
  readonly action: string;
  /** The resource, S3 objects by their top-level prefix (`arn:aws:s3:::bucket/outbox/*`). */
  readonly resource: string;
}

/** Granted actions no function calls itself: AWS uses them with the function's role. */
export const USED_BY_AWS: Readonly<Record<string, string>> = {
  'logs:CreateLogStream': 'Lambda writes the function’s logs with its role',
  'logs:PutLogEvents': 'Lambda writes the function’s logs with its role',
  'xray:PutTraceSegments': 'Lambda’s active tracing sends segments with the role',
  'xray:PutTelemetryRecords': 'Lambda’s active tracing sends telemetry with the role',
  'sqs:ReceiveMessage': 'the SQS event source mapping polls the queue with the function’s role',
  'sqs:DeleteMessage': 'the SQS event source mapping deletes handled messages with the role',
  'sqs:ChangeMessageVisibility': 'the SQS event source mapping returns failed messages with the role',
  'sqs:GetQueueAttributes': 'the SQS event source mapping reads the queue’s settings with the role',
  'sqs:GetQueueUrl': 'granted by CDK’s grantConsumeMessages with the event source mapping',
  'kms:Decrypt':
    'S3, DynamoDB and SQS decrypt with the stateful key on the function’s behalf (kms:ViaService)',
  'kms:DescribeKey': 'S3 and DynamoDB describe the stateful key on the function’s behalf (kms:ViaService)',
  'kms:Encrypt': 'DynamoDB encrypts with the stateful key on the function’s behalf (kms:ViaService)',
  'kms:GenerateDataKey': 'S3, DynamoDB and SQS generate data keys on the function’s behalf (kms:ViaService)',
};

/** Granted actions the code calls only where the e2e suite cannot go; why each is kept. */
export const NEEDED_OFF_THE_TESTED_PATH: Readonly<Record<string, string>> = {
  's3:AbortMultipartUpload':
    'lib-storage aborts a multipart upload when the stream fails midway, leaving no parts billed',
  's3:ListBucket':
    'without it S3 answers a missing key with 403 instead of 404; used when a read finds nothing',
};

/** The functions that send mail through Powertools idempotency (lib/stateless-stack.ts canSendMail). */
const MAILERS = [
  'notify-caseworker',
  'send-caseworker-notification',
  'send-query',
  'send-triage-reply',
  'decision-send',
  'decision-remind',
  'ses-sending-events',
  'triage-digest',
];

/** Per function (by handler file name): granted actions only a failure path reaches, and why. */
export const KEPT_FOR_FUNCTION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ...Object.fromEntries(
    MAILERS.map((name) => [
      name,
      {
        'dynamodb:DeleteItem':
          'Powertools idempotency deletes its record when a send fails, so the retry may send',
      },
    ]),
  ),
  'hold-for-person': {
    'dynamodb:PutItem': 'HoldForPerson runs only after a step failed; no e2e test makes a step fail',
  },
};

/** `send-query` → `SendQueryFunction…`: the logical id CDK gives the function of a handler. */
function handlerOf(functionName: string): string | undefined {
  return Object.keys(KEPT_FOR_FUNCTION).find((handler) =>
    functionName.startsWith(
      `${handler.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}Function`,
    ),
  );
}

export interface FunctionReport {
  readonly function: string;
  /** Granted, never used, not explained: trim these. */
  readonly unused: readonly string[];
  /** Granted, not used in the run, with the reason it stays. */
  readonly explained: readonly { action: string; reason: string }[];
}

export function unusedGrants(
  functions: readonly FunctionIam[],
  usage: readonly Pick<UsageRecord, 'function' | 'action'>[],
): FunctionReport[] {
  return functions.map((iam) => {
    const used = new Set(usage.filter((u) => u.function === iam.functionName).map((u) => u.action));
    const leftovers = grantedActions(iam).filter((action) => !used.has(action));
    const kept = KEPT_FOR_FUNCTION[handlerOf(iam.functionName) ?? ''] ?? {};
    const reasonFor = (action: string): string | undefined =>
      USED_BY_AWS[action] ?? NEEDED_OFF_THE_TESTED_PATH[action] ?? kept[action];
    return {
      function: iam.functionName,
      unused: leftovers.filter((action) => reasonFor(action) === undefined),
      explained: leftovers
        .filter((action) => reasonFor(action) !== undefined)
        .map((action) => ({ action, reason: reasonFor(action)! })),
    };
  });
}

/** Reads the JSON lines the local IAM check appends (local/iam-guard.ts). */
export function parseUsage(text: string): UsageRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as UsageRecord);
}

/** The report as text: per function what it used, and what it is granted beyond that. */
export function formatReport(reports: readonly FunctionReport[], usage: readonly UsageRecord[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(report.function);
    const used = [
      ...new Set(usage.filter((u) => u.function === report.function).map((u) => `${u.action} ${u.resource}`)),
    ];
    for (const entry of used.sort()) lines.push(`  used      ${entry}`);
    for (const action of report.unused) lines.push(`  UNUSED    ${action}`);
    for (const { action, reason } of report.explained) lines.push(`  kept      ${action}: ${reason}`);
  }
  const unused = reports.reduce((n, r) => n + r.unused.length, 0);
  lines.push(unused === 0 ? 'No unexplained unused grants.' : `${unused} granted actions were never used.`);
  return lines.join('\n');
}
