import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Context } from 'aws-lambda';
import { startTestTable, type TestTable } from '../helpers/local-table.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

interface EmfRecord {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [field: string]: unknown;
}

const NAMESPACE = 'email-intake-test';

/**
 * Runs `work` and returns the CloudWatch embedded-metric-format records it printed to stdout, as
 * Lambda would ship them to CloudWatch Logs (which turns them into metrics).
 */
async function emfPrintedBy(work: () => Promise<unknown>): Promise<EmfRecord[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(...String(chunk).split('\n'));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    await work();
  } finally {
    process.stdout.write = write;
  }
  return lines
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfRecord);
}

/** `metric` counted once with `dimensions` (each record holds one dimension set here). */
function counted(records: EmfRecord[], metric: string, dimensions: Record<string, string>): boolean {
  return records.some((record) => {
    const [directive] = record._aws.CloudWatchMetrics;
    return (
      directive!.Namespace === NAMESPACE &&
      directive!.Metrics.some((m) => m.Name === metric) &&
      record[metric] === 1 &&
      directive!.Dimensions.length === 1 &&
      [...directive!.Dimensions[0]!].sort().join() === Object.keys(dimensions).sort().join() &&
      Object.entries(dimensions).every(([name, value]) => record[name] === value)
    );
  });
}

const request = (messageId: string) => ({
  messageId,
  rawMail: { bucket: 'inbound', key: `inbound/${messageId}` },
  recipients: ['unterlagen@intake.example.org'],
  envelopeSender: 'other',
  receivedAt: '2026-03-02T09:00:00.000Z',
  verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', dmarcPolicy: 'none' },
});

describe('Message outcome metrics (EMF on stdout, on DynamoDB Local)', () => {
  let table: TestTable;
  let holdForPerson: Handler;
  let screenEmail: Handler;

  before(async () => {
    table = await startTestTable();
    const endpoint = await table.db.config.endpoint?.();
    // The handlers read their environment once, at load: set it before importing.
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: `${endpoint!.protocol}//${endpoint!.hostname}:${endpoint!.port}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_SERVICE_NAME: 'email-intake',
      POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
    });
    ({ handler: holdForPerson } = (await import('../../functions/handlers/hold-for-person.ts')) as {
      handler: Handler;
    });
    ({ handler: screenEmail } = (await import('../../functions/handlers/screen-email.ts')) as {
      handler: Handler;
    });
  });

  after(async () => {
    await table.stop();
  });

  it('HoldForPerson counts the held message, alone and by the failed step’s error name', async () => {
    const records = await emfPrintedBy(() =>
      holdForPerson(
        { ...request('held-1'), error: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' } },
        {} as Context,
      ),
    );
    assert.ok(counted(records, 'HeldMessages', { service: 'email-intake' }), JSON.stringify(records));
    assert.ok(
      counted(records, 'HeldMessages', {
        service: 'email-intake',
        reason: 'Lambda.TooManyRequestsException',
      }),
      JSON.stringify(records),
    );
    // The cause can quote message content: it is never part of a metric.
    assert.ok(!JSON.stringify(records).includes('Rate exceeded'));
  });

  it('ScreenEmail counts a quarantined message by verdict, and nothing for a clean one', async () => {
    const parsed = {
      record: { bucket: 'inbound', key: 'parsed/quarantine-1.json' },
      caseReference: null,
      automaticReason: null,
      attachments: [],
    };
    // ScanAttachments' result for a message without files.
    const scan = { outcome: 'Scanned', attempt: 1, statuses: [] };
    const virus = { ...request('virus-1'), verdicts: { ...request('virus-1').verdicts, virus: 'FAIL' } };
    const quarantined = await emfPrintedBy(() => screenEmail({ ...virus, parsed, scan }, {} as Context));
    assert.ok(counted(quarantined, 'QuarantinedMessages', { service: 'email-intake' }));
    assert.ok(counted(quarantined, 'QuarantinedMessages', { service: 'email-intake', reason: 'virus' }));

    const clean = await emfPrintedBy(() =>
      screenEmail({ ...request('clean-1'), parsed, scan }, {} as Context),
    );
    assert.deepEqual(clean, []);
  });
});
