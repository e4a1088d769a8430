import { optionalEnv } from './env.ts';

/**
 * The triage repository's options from `TRIAGE_RETENTION_DAYS` (the stage's retention, set by
 * the CDK on the steps that add triage entries). Absent: entries carry no expiry.
 */
export function triageRetentionFromEnv(): { retentionDays?: number } {
  const value = optionalEnv('TRIAGE_RETENTION_DAYS');
  if (value === undefined) return {};
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`TRIAGE_RETENTION_DAYS must be a whole number of days, got "${value}"`);
  }
  return { retentionDays: days };
}
