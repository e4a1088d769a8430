/**
 * The AWS list prices the cost benchmark (bench/cost-per-email.ts) multiplies its measurements
 * by: region eu-central-1 (Frankfurt), USD, on-demand, first pricing tier, no free tier.
 *
 * This machine cannot reach the web. Each price says where it was read: a stored copy of a
 * public page found with the project's search tool (read on the date given; the copy itself is
 * undated), or "list price as known on <date>, not re-checked" where no stored page gave the
 * figure (AWS renders its regional price tables in the browser, so most stored copies of its
 * pricing pages carry only the US examples). Check these against the pricing pages (or the AWS
 * Price List API, `aws pricing get-products`) before quoting the figures as a budget.
 */
export interface Price {
  /** USD per `per` units of `unit`. */
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly region: 'eu-central-1';
  readonly source: string;
  /** When and how the figure was read. */
  readonly read: string;
}

const REGION = 'eu-central-1';
/** When the prices below were read (or last known). */
export const READ_ON = '2026-12-03';
const AS_KNOWN = `list price as known on ${READ_ON}, not re-checked`;

const price = (usd: number, per: number, unit: string, source: string, read = AS_KNOWN): Price => ({
  usd,
  per,
  unit,
  region: REGION,
  source,
  read,
});

const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const STEP_FUNCTIONS = 'https://aws.amazon.com/step-functions/pricing/';
const S3 = 'https://aws.amazon.com/s3/pricing/';
const DYNAMODB = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const SES = 'https://aws.amazon.com/ses/pricing/';
const KMS = 'https://aws.amazon.com/kms/pricing/';
const GUARDDUTY = 'https://aws.amazon.com/guardduty/pricing/';

export const PRICES = {
  lambdaRequest: price(
    0.2,
    1_000_000,
    'requests',
    LAMBDA,
    `stored copy of ${LAMBDA} read ${READ_ON} ($0.20 per 1M requests; the same in every commercial region)`,
  ),
  lambdaArmGbSecond: price(0.0000133334, 1, 'GB-second (arm64, first 7.5 billion GB-s a month)', LAMBDA),
  lambdaX86GbSecond: price(
    0.0000166667,
    1,
    'GB-second (x86_64, first 6 billion GB-s a month)',
    LAMBDA,
    `stored copy of ${LAMBDA} read ${READ_ON} gives $0.0000166667 (its US example); artillery's Lambda price table (lib/platform/aws-lambda/prices.js, v2.0.28) lists eu-central-1 at that base price`,
  ),
  stepFunctionsTransition: price(
    0.025,
    1_000,
    'state transitions (Standard)',
    STEP_FUNCTIONS,
    `${AS_KNOWN}; a stored AWS guide (aws/agent-toolkit-for-aws, step-functions.md) read ${READ_ON} quotes $0.025 per 1,000 transitions`,
  ),
  expressRequest: price(1.0, 1_000_000, 'requests (Express)', STEP_FUNCTIONS, `${AS_KNOWN} (US figure)`),
  expressGbSecond: price(
    0.00001667,
    1,
    'GB-second (Express, first 1,000 GB-hours; billed in 64 MB and 100 ms steps)',
    STEP_FUNCTIONS,
    `${AS_KNOWN} (US figure; the billing steps are from the stored copy of ${STEP_FUNCTIONS} read ${READ_ON})`,
  ),
  s3StorageGbMonth: price(0.0245, 1, 'GB-month (S3 Standard, first 50 TB)', S3),
  s3WriteRequest: price(0.0054, 1_000, 'PUT, COPY, POST, LIST requests', S3),
  s3ReadRequest: price(
    0.00043,
    1_000,
    'GET and all other requests',
    S3,
    `${AS_KNOWN}; a stored Frankfurt price overview (demo.wlid.nl/s3-storage-classes.html, dated 2021-12-02) read ${READ_ON} gives $0.00043 as its lowest request price`,
  ),
  dynamoDbWriteUnit: price(
    0.7625,
    1_000_000,
    'write request units (on-demand)',
    DYNAMODB,
    `${AS_KNOWN} (after the November 2024 on-demand price cut, which a stored page, airbyte.com/data-engineering-resources/dynamodb-pricing, read ${READ_ON}, dates)`,
  ),
  dynamoDbReadUnit: price(0.1525, 1_000_000, 'read request units (on-demand)', DYNAMODB),
  sesInboundEmail: price(0.1, 1_000, 'emails received', SES),
  sesInboundChunk: price(0.09, 1_000, 'incoming mail chunks of 256 KB', SES),
  sesOutboundEmail: price(0.1, 1_000, 'emails sent', SES),
  sesOutboundAttachmentGb: price(0.12, 1, 'GB of attachments sent', SES),
  kmsKeyMonth: price(
    1.0,
    1,
    'customer managed key-month',
    KMS,
    `stored copy of ${KMS} read ${READ_ON} ($1/month per key)`,
  ),
  kmsRequest: price(
    0.03,
    10_000,
    'symmetric key requests',
    KMS,
    `${AS_KNOWN}; stored pages (wring.co/blog/aws-kms-pricing-guide, factualminds.com) read ${READ_ON} give $0.03 per 10,000`,
  ),
  guardDutyGbScanned: price(
    0.09,
    1,
    'GB scanned (Malware Protection for S3)',
    GUARDDUTY,
    `${AS_KNOWN} (US figure)`,
  ),
  guardDutyObject: price(
    0.215,
    1_000,
    'objects evaluated (Malware Protection for S3)',
    GUARDDUTY,
    `${AS_KNOWN} (US figure)`,
  ),
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof PRICES;

/** The cost of `quantity` units at `name`'s price. */
export function cost(name: PriceName, quantity: number): number {
  const p = PRICES[name];
  return (quantity * p.usd) / p.per;
}

/** `$0.0054 per 1,000 PUT, COPY, POST, LIST requests (eu-central-1; list price as known …)`. */
export function describePrice(name: PriceName): string {
  const p = PRICES[name];
  const per = p.per === 1 ? '' : `${p.per.toLocaleString('en-US')} `;
  return `$${p.usd} per ${per}${p.unit} (${p.region}; ${p.read}; ${p.source})`;
}
