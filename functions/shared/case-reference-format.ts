import { DEFAULT_CASE_REFERENCE_FORMAT, type CaseReferenceFormat } from '../domain/case-reference.ts';
import { ConfigurationError } from './errors.ts';

/**
 * The deployment's case reference format, from `CASE_REFERENCE_PREFIXES` (comma-separated) and
 * `CASE_REFERENCE_DIGITS`; the domain default when unset.
 */
export function caseReferenceFormatFromEnv(env: NodeJS.ProcessEnv = process.env): CaseReferenceFormat {
  const prefixes = env.CASE_REFERENCE_PREFIXES?.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const digits = env.CASE_REFERENCE_DIGITS === undefined ? undefined : Number(env.CASE_REFERENCE_DIGITS);
  if (digits !== undefined && (!Number.isInteger(digits) || digits < 1 || digits > 12)) {
    throw new ConfigurationError('CASE_REFERENCE_DIGITS must be a whole number from 1 to 12');
  }
  return {
    prefixes: prefixes && prefixes.length > 0 ? prefixes : DEFAULT_CASE_REFERENCE_FORMAT.prefixes,
    numberDigits: digits ?? DEFAULT_CASE_REFERENCE_FORMAT.numberDigits,
  };
}
