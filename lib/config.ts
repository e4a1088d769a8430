import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { REQUEST_TYPES } from '../functions/domain/checklist.ts';

/**
 * Everything that differs between deployments of the intake pipeline. One object per stage,
 * selected with the CDK context value `stage` (`npx cdk synth -c stage=prod`).
 */
export interface StageConfig {
  /** Short name of the stage, part of stack and resource names: lowercase letters, digits, dashes. */
  readonly stageName: string;
  /**
   * The stage applicants write to. It refuses to synthesize with placeholder values (an example
   * account id, a documentation domain such as example.org) and without an `alertEmail`.
   */
  readonly production: boolean;
  /**
   * AWS account to deploy to. The placeholder `000000000000` lets `cdk synth` and the local
   * runtime run without an account (dev only); replace it before `cdk deploy`.
   */
  readonly account: string;
  /**
   * AWS region. Must be an EU region (the data is personal data of the most sensitive kind) in
   * which SES email receiving is offered. Default for the shipped stages: `eu-west-1`.
   */
  readonly region: string;
  /**
   * The domain applicants write to and the office sends from, e.g. `intake.example.org`. Each
   * stage has its own: SES verifies a domain once per account and region, and MX records send a
   * domain's mail to one place.
   */
  readonly mailDomain: string;
  /**
   * Addresses (or the bare mail domain) the SES receipt rule accepts. Explicit recipients, so the
   * rule never swallows mail for other addresses the account receives.
   */
  readonly intakeRecipients: readonly string[];
  /** The From address of every automatic email; must be at the mail domain. */
  readonly senderAddress: string;
  /** Days the raw MIME of a received email is kept in the inbound bucket. */
  readonly inboundMailRetentionDays: number;
  /** Days stored attachments (documents and quarantine) are kept in the document bucket. */
  readonly documentRetentionDays: number;
  /**
   * Days the system's own copies of what it sent (`outbox/` in the document bucket) are kept; at
   * most `documentRetentionDays` (the shorter of two S3 lifecycle rules wins).
   */
  readonly outboxRetentionDays: number;
  /**
   * Days a triage entry (an email waiting for a person, with its facts) is kept before DynamoDB
   * TTL removes it; its raw email and files follow their own retention.
   */
  readonly triageRetentionDays: number;
  /**
   * Days a deleted or overwritten object version is kept before it is gone for good: a short
   * window to undo a mistake, not a second retention period.
   */
  readonly noncurrentVersionRetentionDays: number;
  /** Retention of every log group (Lambda, Step Functions) and of S3 server access logs. */
  readonly logRetentionDays: RetentionDays;
  /**
   * Set the account's API Gateway CloudWatch Logs role (one per account and region) from the
   * stateful stack. API Gateway refuses a stage with access logging until it is set. Turn off
   * only when something else in the account and region already sets it (another stage's stack,
   * a landing zone).
   */
  readonly manageApiGatewayLoggingRole: boolean;
  /** Where alarms are emailed (confirm the subscription once); none when absent. Required in production. */
  readonly alertEmail?: string;
  /** The team mailbox new cases go to unless a caseworker is named; the stage's own. */
  readonly caseworkerMailbox: string;
  /** The office's name, as it signs its emails. */
  readonly officeName: string;
  /** Where invited applicants go (street address of the Service Point). */
  readonly servicePointAddress: string;
  /**
   * The fee applicants bring to the appointment, per request type (a checklist's `requestType`),
   * as written in the invitation (e.g. `100 EUR`). Every request type must have one.
   */
  readonly permitFees: Readonly<Record<string, string>>;
  /**
   * How to reach the office, one line each (phone and hours, web page): told to whoever writes a
   * question to the intake address without documents.
   */
  readonly officeContactOptions: readonly string[];
  /**
   * Whether `intake case import` (and the API's import) sends each imported applicant the
   * opening email (checklist and where to send) unless told otherwise (`--notify` / `--no-notify`,
   * `notify` in the API body). Off by default: an import often brings cases that are under way.
   */
  readonly notifyOnImport: boolean;
  /**
   * The office's IANA time zone: appointments given without offset are local time there, and
   * every date and time in an email is written in it.
   */
  readonly officeTimeZone: string;
  /**
   * Submissions of one case within this many minutes are told to the caseworker in one email
   * (the first waits this long before it is sent).
   */
  readonly caseworkerCoalesceMinutes: number;
  /** At most one automatic query per case within this many hours. */
  readonly queryPeriodHours: number;
  /** At most one generic triage reply per sender within this many hours. */
  readonly triageReplyPeriodHours: number;
  /** Days without an answer to a caseworker's query before one reminder (and as many again before the caseworker is told). */
  readonly queryReminderDays: number;
  /**
   * Concurrent executions reserved for the caseworker API, so a burst of mail never takes the
   * capacity caseworkers need. Lambda keeps 100 of the account's quota unreserved: a new account
   * (quota 10) must have its quota raised first (see README, Deploying to AWS).
   */
  readonly caseworkerApiConcurrency: number;
  /**
   * Reserved (and so most) concurrent executions of each IntakeWorkflow step. A burst of mail
   * beyond it waits in the workflow's throttling retries instead of starving everything else.
   */
  readonly intakeStepConcurrency: number;
  /** The caseworker console on AWS: its sign-in (Cognito user pool, hosted UI). */
  readonly console: ConsoleConfig;
}

/** Sign-in to the caseworker console: a Cognito user pool that may federate the city's provider. */
export interface ConsoleConfig {
  /**
   * Prefix of the hosted UI's domain (`PREFIX.auth.REGION.amazoncognito.com`), unique across AWS:
   * lowercase letters, digits and dashes, without `aws`, `amazon` or `cognito`.
   */
  readonly domainPrefix: string;
  /**
   * The city's OpenID Connect identity provider, federated into the user pool: caseworkers sign
   * in with their city account, and the console goes to it straight away. Without it, accounts
   * are created in the user pool by an administrator (no self sign-up).
   * @default - no federation
   */
  readonly identityProvider?: {
    /** Name in the user pool (and on the hosted UI's button), e.g. `Stadt`. */
    readonly name: string;
    /** The provider's issuer URL (https), where `/.well-known/openid-configuration` is found. */
    readonly issuerUrl: string;
    /** The client id the city's provider gave the user pool. */
    readonly clientId: string;
    /** ARN of a Secrets Manager secret holding that client's secret (plain text), kept outside the code. */
    readonly clientSecretArn: string;
  };
}

/** The office and its workflow timings, the same on every stage. */
const OFFICE = {
  officeName: 'Amt für Migration und Integration',
  servicePointAddress: 'Service Point, Willi-Becker-Allee 7, 40227 Düsseldorf',
  // Fees of the German Residence Ordinance (AufenthV §§ 44–45), as the office charges them.
  permitFees: {
    'residence-permit-extension': '96 EUR',
    'first-residence-permit': '100 EUR',
    'settlement-permit': '113 EUR',
    'eu-blue-card': '100 EUR',
    'family-reunification': '100 EUR',
  },
  officeContactOptions: [
    'Telefon: 0211 89-21000 (Mo–Fr 8–12 Uhr)',
    'Terminvereinbarung und Informationen: https://www.example.org/auslaenderbehoerde',
  ],
  notifyOnImport: false,
  officeTimeZone: 'Europe/Berlin',
  caseworkerCoalesceMinutes: 5,
  queryPeriodHours: 24,
  triageReplyPeriodHours: 24,
  queryReminderDays: 14,
} as const satisfies Partial<StageConfig>;

/** The stages this repository knows. Values are reviewed like code: change them here. */
const STAGES: Readonly<Record<string, StageConfig>> = {
  // The local runtime and the tests run this stage; deploying it needs an account and a domain
  // of its own (never production's).
  dev: {
    stageName: 'dev',
    production: false,
    account: '000000000000',
    region: 'eu-west-1',
    mailDomain: 'intake.example.org',
    intakeRecipients: ['unterlagen@intake.example.org'],
    senderAddress: 'unterlagen@intake.example.org',
    caseworkerMailbox: 'sachbearbeitung@intake.example.org',
    inboundMailRetentionDays: 30,
    documentRetentionDays: 90,
    outboxRetentionDays: 30,
    triageRetentionDays: 30,
    noncurrentVersionRetentionDays: 7,
    logRetentionDays: RetentionDays.TWO_WEEKS,
    manageApiGatewayLoggingRole: true,
    caseworkerApiConcurrency: 2,
    intakeStepConcurrency: 2,
    console: { domainPrefix: 'email-intake-dev-example' },
    ...OFFICE,
  },
  // Placeholders, refused until replaced: the production account, the office's intake domain
  // and mailboxes, and where alarms go.
  prod: {
    stageName: 'prod',
    production: true,
    account: '000000000000',
    region: 'eu-west-1',
    mailDomain: 'intake.example.com',
    intakeRecipients: ['unterlagen@intake.example.com'],
    senderAddress: 'unterlagen@intake.example.com',
    caseworkerMailbox: 'sachbearbeitung@example.com',
    // alertEmail: required here (the operators' address; alarms are emailed to it).
    // Raw mail is only needed until its documents are recorded and audited.
    inboundMailRetentionDays: 180,
    // Documents stay while a residence case may still be open or appealed.
    documentRetentionDays: 1096,
    // What was sent is audit evidence for a year; the case's log keeps its facts.
    outboxRetentionDays: 365,
    // A person deals with triage within days; three months covers holidays and slow weeks.
    triageRetentionDays: 90,
    noncurrentVersionRetentionDays: 30,
    logRetentionDays: RetentionDays.SIX_MONTHS,
    manageApiGatewayLoggingRole: true,
    caseworkerApiConcurrency: 10,
    // Eight steps: 80 reserved, 90 with the API, of an account's usual 1000.
    intakeStepConcurrency: 10,
    // domainPrefix: unique across AWS; identityProvider: the city's (see README, Console on AWS).
    console: { domainPrefix: 'email-intake-prod-example' },
    ...OFFICE,
  },
};

/** Names of the stages `loadStageConfig` accepts. */
export const STAGE_NAMES: readonly string[] = Object.keys(STAGES);

/** Thrown when a stage is unknown or its values are not usable; the message names the field. */
export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}

/**
 * Returns the validated configuration of a stage, or throws a `StageConfigError`. The stage must
 * also stay apart from the others: its own mail domain, and its own account in its region (one
 * active receipt rule set per account and region).
 */
export function loadStageConfig(
  stageName: string,
  stages: Readonly<Record<string, StageConfig>> = STAGES,
): StageConfig {
  const config = stages[stageName];
  if (config === undefined) {
    throw new StageConfigError(
      `Unknown stage "${stageName}"; known stages: ${Object.keys(stages).join(', ')}`,
    );
  }
  validateStageConfig(config);
  for (const [otherName, other] of Object.entries(stages)) {
    if (otherName === stageName) continue;
    if (other.mailDomain === config.mailDomain) {
      throw new StageConfigError(
        `Stage "${stageName}": mailDomain ${config.mailDomain} is also stage "${otherName}"'s; each stage needs its own`,
      );
    }
    if (
      other.account === config.account &&
      other.region === config.region &&
      !isPlaceholderAccount(config.account)
    ) {
      throw new StageConfigError(
        `Stage "${stageName}": account ${config.account} in ${config.region} is also stage "${otherName}"'s; SES allows one active receipt rule set per account and region`,
      );
    }
  }
  return config;
}

const STAGE_NAME = /^[a-z][a-z0-9-]{0,15}$/;
const ACCOUNT_ID = /^\d{12}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
/**
 * EU regions where SES receives email. Personal data stays in the EU; receipt rules only exist
 * in receiving regions.
 */
const EU_RECEIVING_REGIONS = [
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
];
const LOG_RETENTION_VALUES = new Set(Object.values(RetentionDays).filter((v) => typeof v === 'number'));
/** S3 lifecycle expiration must be a positive whole number of days; ten years is our ceiling. */
const MAX_RETENTION_DAYS = 3653;

/** Checks every field of a stage config; returns it unchanged when valid. */
export function validateStageConfig(config: StageConfig): StageConfig {
  const fail = (field: keyof StageConfig, problem: string): never => {
    throw new StageConfigError(`Stage "${config.stageName}": ${field} ${problem}`);
  };
  if (!STAGE_NAME.test(config.stageName)) {
    fail('stageName', 'must be 1-16 lowercase letters, digits or dashes, starting with a letter');
  }
  if (!ACCOUNT_ID.test(config.account))
    fail('account', `must be a 12-digit AWS account id, got "${config.account}"`);
  if (!EU_RECEIVING_REGIONS.includes(config.region)) {
    fail(
      'region',
      `must be an EU region with SES receiving (${EU_RECEIVING_REGIONS.join(', ')}), got "${config.region}"`,
    );
  }
  if (!DOMAIN.test(config.mailDomain))
    fail('mailDomain', `must be a lowercase domain name, got "${config.mailDomain}"`);
  if (config.intakeRecipients.length === 0) fail('intakeRecipients', 'must name at least one address');
  for (const recipient of config.intakeRecipients) {
    if (recipient !== config.mailDomain && !isAddressAt(recipient, config.mailDomain)) {
      fail(
        'intakeRecipients',
        `must be lowercase addresses at ${config.mailDomain} (or the domain), got "${recipient}"`,
      );
    }
  }
  if (!isAddressAt(config.senderAddress, config.mailDomain)) {
    fail(
      'senderAddress',
      `must be a lowercase address at ${config.mailDomain}, got "${config.senderAddress}"`,
    );
  }
  for (const field of [
    'inboundMailRetentionDays',
    'documentRetentionDays',
    'outboxRetentionDays',
    'triageRetentionDays',
    'noncurrentVersionRetentionDays',
  ] as const) {
    const days = config[field];
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      fail(field, `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, got ${days}`);
    }
  }
  if (config.outboxRetentionDays > config.documentRetentionDays) {
    fail(
      'outboxRetentionDays',
      `must be at most documentRetentionDays (${config.documentRetentionDays}), got ${config.outboxRetentionDays}`,
    );
  }
  if (!LOG_RETENTION_VALUES.has(config.logRetentionDays)) {
    fail('logRetentionDays', `must be a CloudWatch Logs retention value, got ${config.logRetentionDays}`);
  }
  if (
    !Number.isFinite(config.caseworkerCoalesceMinutes) ||
    config.caseworkerCoalesceMinutes < 0 ||
    config.caseworkerCoalesceMinutes > 30
  ) {
    // The IntakeWorkflow's execution runs at most an hour, its wait included.
    fail('caseworkerCoalesceMinutes', `must be 0 to 30 minutes, got ${config.caseworkerCoalesceMinutes}`);
  }
  for (const field of ['queryPeriodHours', 'triageReplyPeriodHours', 'queryReminderDays'] as const) {
    const value = config[field];
    if (!Number.isFinite(value) || value <= 0 || value > 365 * 24)
      fail(field, `must be a positive number, got ${value}`);
  }
  for (const field of ['caseworkerApiConcurrency', 'intakeStepConcurrency'] as const) {
    const value = config[field];
    if (!Number.isInteger(value) || value < 1 || value > 1000) {
      fail(field, `must be a whole number of concurrent executions from 1 to 1000, got ${value}`);
    }
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.caseworkerMailbox)) {
    fail('caseworkerMailbox', `must be an email address, got "${config.caseworkerMailbox}"`);
  }
  for (const field of ['officeName', 'servicePointAddress'] as const) {
    if (config[field].trim() === '') fail(field, 'must not be empty');
  }
  for (const requestType of REQUEST_TYPES) {
    if ((config.permitFees[requestType] ?? '').trim() === '')
      fail('permitFees', `must name the fee of every request type; "${requestType}" has none`);
  }
  for (const requestType of Object.keys(config.permitFees)) {
    if (!REQUEST_TYPES.includes(requestType))
      fail('permitFees', `names an unknown request type "${requestType}"`);
  }
  if (config.officeContactOptions.length === 0 || config.officeContactOptions.some((l) => l.trim() === ''))
    fail('officeContactOptions', 'must list at least one way to reach the office, none empty');
  if (!isTimeZone(config.officeTimeZone)) {
    fail('officeTimeZone', `must be an IANA time zone (e.g. Europe/Berlin), got "${config.officeTimeZone}"`);
  }
  validateConsoleConfig(config.console, (problem) => fail('console', problem));
  if (config.alertEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.alertEmail)) {
    fail('alertEmail', `must be an email address, got "${config.alertEmail}"`);
  }
  if (config.production) {
    const placeholders = placeholdersIn(config);
    if (placeholders.length > 0) {
      throw new StageConfigError(
        `Stage "${config.stageName}" is a production stage; set its real values in lib/config.ts: ${placeholders.join('; ')}`,
      );
    }
  }
  return config;
}

/**
 * Account ids of documentation and the local runtime (`000000000000`, `123456789012`, one digit
 * twelve times): no real account has them.
 */
function isPlaceholderAccount(account: string): boolean {
  return /^(\d)\1{11}$/.test(account) || account === '123456789012' || account === '012345678901';
}

/** Domains reserved for documentation and testing (RFC 2606, RFC 6761): nobody receives mail there. */
function isDocumentationDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  const tld = labels.at(-1) ?? '';
  const secondLevel = labels.slice(-2).join('.');
  return (
    ['example', 'test', 'invalid', 'localhost'].includes(tld) ||
    ['example.com', 'example.org', 'example.net'].includes(secondLevel)
  );
}

/** What a production stage still has from the shipped example, one phrase per field. */
function placeholdersIn(config: StageConfig): string[] {
  const found: string[] = [];
  if (isPlaceholderAccount(config.account)) found.push(`account "${config.account}" is a placeholder`);
  const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);
  if (isDocumentationDomain(config.mailDomain)) {
    found.push(`mailDomain "${config.mailDomain}" is a documentation domain`);
  }
  const addresses: [keyof StageConfig, readonly string[]][] = [
    ['intakeRecipients', config.intakeRecipients],
    ['senderAddress', [config.senderAddress]],
    ['caseworkerMailbox', [config.caseworkerMailbox]],
    ['alertEmail', config.alertEmail === undefined ? [] : [config.alertEmail]],
  ];
  for (const [field, values] of addresses) {
    const placeholder = values.find((address) => isDocumentationDomain(domainOf(address)));
    if (placeholder !== undefined) found.push(`${field} "${placeholder}" is at a documentation domain`);
  }
  if (config.alertEmail === undefined) {
    found.push('alertEmail is required: alarms must reach someone');
  }
  if (/example/.test(config.console.domainPrefix)) {
    found.push(`console.domainPrefix "${config.console.domainPrefix}" is a placeholder`);
  }
  const provider = config.console.identityProvider;
  if (provider !== undefined && isDocumentationDomain(new URL(provider.issuerUrl).hostname)) {
    found.push(`console.identityProvider.issuerUrl "${provider.issuerUrl}" is at a documentation domain`);
  }
  if (provider !== undefined && isPlaceholderAccount(provider.clientSecretArn.split(':')[4] ?? '')) {
    found.push(
      `console.identityProvider.clientSecretArn "${provider.clientSecretArn}" is in a placeholder account`,
    );
  }
  return found;
}

const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Cognito's rules for an OIDC provider's name, kept to what is safe in a URL without escaping. */
const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,30}[A-Za-z0-9]$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;

function validateConsoleConfig(settings: ConsoleConfig | undefined, fail: (problem: string) => never): void {
  if (settings === undefined) fail('must be set (the caseworker console’s sign-in)');
  if (!DOMAIN_PREFIX.test(settings.domainPrefix) || /aws|amazon|cognito/.test(settings.domainPrefix)) {
    fail(
      `domainPrefix must be lowercase letters, digits and dashes without aws, amazon or cognito, got "${settings.domainPrefix}"`,
    );
  }
  const provider = settings.identityProvider;
  if (provider === undefined) return;
  if (!PROVIDER_NAME.test(provider.name))
    fail(`identityProvider.name must be 3-32 letters, digits, dots, dashes, got "${provider.name}"`);
  let issuer: URL | null = null;
  try {
    issuer = new URL(provider.issuerUrl);
  } catch {
    issuer = null;
  }
  if (issuer === null || issuer.protocol !== 'https:')
    fail(`identityProvider.issuerUrl must be an https URL, got "${provider.issuerUrl}"`);
  if (provider.clientId.trim() === '') fail('identityProvider.clientId must not be empty');
  if (!SECRET_ARN.test(provider.clientSecretArn))
    fail(
      `identityProvider.clientSecretArn must be a Secrets Manager secret ARN, got "${provider.clientSecretArn}"`,
    );
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}

function isAddressAt(address: string, domain: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && LOCAL_PART.test(address.slice(0, at)) && address.slice(at + 1) === domain;
}
