import { optionalEnv, requireEnv } from './env.ts';
import { ConfigurationError } from './errors.ts';
import type { OfficeAddresses } from '../domain/own-addresses.ts';
import { OFFICE_TIME_ZONE } from '../domain/decision.ts';

/**
 * The office's details and the workflow's timings, from the stage config (environment variables
 * set by the CDK app). Read once at load.
 */
export interface OfficeSettings {
  readonly officeName: string;
  /** The address mail is sent from (verified in SES). */
  readonly fromAddress: string;
  /** The intake address replies go to; its plus-address carries the signed case reference. */
  readonly intakeAddress: string;
  readonly servicePointAddress: string;
  /** The fee per request type, as the invitation writes it (stage config `permitFees`). */
  readonly fees: Readonly<Record<string, string>>;
  /** How to reach the office, one line each (stage config `officeContactOptions`). */
  readonly contactOptions: readonly string[];
  readonly payment: string;
  readonly appointmentMinutes: number;
  /** The office's IANA time zone (stage config `officeTimeZone`). */
  readonly timeZone: string;
  /** At most one automatic query per case within this period. */
  readonly queryPeriodSeconds: number;
  /** At most one generic triage reply per sender within this period. */
  readonly triageReplyPeriodSeconds: number;
  readonly configurationSet: string | null;
  /** The office's own addresses: no automatic email ever goes to one of them. */
  readonly ownAddresses: OfficeAddresses;
}

/**
 * The office's own addresses from the stage config: the receipt rule's recipients
 * (`INTAKE_RECIPIENTS`, comma-separated), the sending address and the mail domain. Every workflow
 * step gets the domain and the recipients; a function without them knows at least the intake and
 * sending addresses.
 */
export function ownAddressesFromEnv(): OfficeAddresses {
  const sendingAddress = optionalEnv('INTAKE_FROM_ADDRESS') ?? null;
  const listed = (optionalEnv('INTAKE_RECIPIENTS') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const fallback = optionalEnv('INTAKE_ADDRESS') ?? sendingAddress;
  const intakeRecipients = listed.length > 0 ? listed : fallback === null ? [] : [fallback];
  const mailDomain = optionalEnv('INTAKE_MAIL_DOMAIN') ?? null;
  if (intakeRecipients.length === 0 && mailDomain === null)
    throw new ConfigurationError('INTAKE_MAIL_DOMAIN or INTAKE_RECIPIENTS must be set');
  return { intakeRecipients, sendingAddress, mailDomain };
}

function seconds(name: string, fallback: number): number {
  const raw = optionalEnv(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigurationError(`${name} must be a number of seconds`);
  return value;
}

/**
 * The office's time zone from the stage config (`OFFICE_TIME_ZONE`); Europe/Berlin where it is not
 * set (the CLI against a local stack). A name Intl does not know fails at load, not in an email.
 */
export function officeTimeZoneFromEnv(): string {
  const name = optionalEnv('OFFICE_TIME_ZONE') ?? OFFICE_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: name });
  } catch {
    throw new ConfigurationError(`OFFICE_TIME_ZONE must be an IANA time zone, got "${name}"`);
  }
  return name;
}

/** A JSON object of strings from the environment ({} when not set: the function has no use for it). */
function stringRecord(
  name: string,
  raw: string | undefined = optionalEnv(name),
): Readonly<Record<string, string>> {
  if (raw === undefined) return {};
  const value: unknown = JSON.parse(raw);
  if (typeof value !== 'object' || value === null || Object.values(value).some((v) => typeof v !== 'string'))
    throw new ConfigurationError(`${name} must be a JSON object of strings`);
  return value as Record<string, string>;
}

/** A JSON array of strings from the environment ([] when not set). */
function stringList(name: string): readonly string[] {
  const raw = optionalEnv(name);
  if (raw === undefined) return [];
  const value: unknown = JSON.parse(raw);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new ConfigurationError(`${name} must be a JSON array of strings`);
  return value as string[];
}

/** What the stage config leaves unset reads as these (one place for the functions and the console). */
export const OFFICE_DEFAULTS = {
  officeName: 'Amt für Migration und Integration',
  servicePointAddress: 'Service Point, Willi-Becker-Allee 7, 40227 Düsseldorf',
  payment: 'mit Karte am Service Point / by card at the Service Point',
  appointmentMinutes: 15,
} as const;

/**
 * What an invitation says besides its time, from a function's environment as the CDK app sets it
 * (the console shows the email before it goes, with the values the sending step will use).
 */
export function invitationTextsFrom(env: Readonly<Record<string, string | undefined>>) {
  const value = (name: string): string | undefined => (env[name]?.trim() ? env[name] : undefined);
  const minutes = Number(value('APPOINTMENT_MINUTES') ?? OFFICE_DEFAULTS.appointmentMinutes);
  return {
    officeName: value('OFFICE_NAME') ?? OFFICE_DEFAULTS.officeName,
    servicePointAddress: value('SERVICE_POINT_ADDRESS') ?? OFFICE_DEFAULTS.servicePointAddress,
    fees: stringRecord('PERMIT_FEES', value('PERMIT_FEES')),
    payment: value('PERMIT_FEE_PAYMENT') ?? OFFICE_DEFAULTS.payment,
    appointmentMinutes:
      Number.isFinite(minutes) && minutes > 0 ? minutes : OFFICE_DEFAULTS.appointmentMinutes,
    timeZone: value('OFFICE_TIME_ZONE') ?? OFFICE_TIME_ZONE,
  };
}

export function officeSettingsFromEnv(): OfficeSettings {
  return {
    officeName: optionalEnv('OFFICE_NAME') ?? OFFICE_DEFAULTS.officeName,
    fromAddress: requireEnv('INTAKE_FROM_ADDRESS'),
    intakeAddress: optionalEnv('INTAKE_ADDRESS') ?? requireEnv('INTAKE_FROM_ADDRESS'),
    servicePointAddress: optionalEnv('SERVICE_POINT_ADDRESS') ?? OFFICE_DEFAULTS.servicePointAddress,
    fees: stringRecord('PERMIT_FEES'),
    contactOptions: stringList('OFFICE_CONTACT_OPTIONS'),
    payment: optionalEnv('PERMIT_FEE_PAYMENT') ?? OFFICE_DEFAULTS.payment,
    appointmentMinutes: seconds('APPOINTMENT_MINUTES', OFFICE_DEFAULTS.appointmentMinutes),
    timeZone: officeTimeZoneFromEnv(),
    queryPeriodSeconds: seconds('QUERY_PERIOD_SECONDS', 24 * 3600),
    triageReplyPeriodSeconds: seconds('TRIAGE_REPLY_PERIOD_SECONDS', 24 * 3600),
    configurationSet: optionalEnv('SES_CONFIGURATION_SET') ?? null,
    ownAddresses: ownAddressesFromEnv(),
  };
}
