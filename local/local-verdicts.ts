import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import type { LocalVerdicts, VerdictsFor } from './smtp-intake.ts';

/**
 * The local verdicts knob (design.md, contract): with `INTAKE_LOCAL_VERDICTS=FILE` the SMTP
 * stand-in reads FILE afresh for every message and reports its values in that message's receipt
 * notification, as SES would report its scans. A missing file or key means PASS (`none` for the
 * DMARC policy). Only the stand-in reads it; the functions see nothing but the notification.
 */

const status = z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);

const verdictsFile = z
  .object({
    spam: status,
    virus: status,
    spf: status,
    dkim: status,
    dmarc: status,
    dmarcPolicy: z.enum(['none', 'quarantine', 'reject']),
  })
  .partial();

/** The knob's file could not be used; the message is refused for now (451), never let through as PASS. */
export class LocalVerdictsFileError extends Error {
  readonly responseCode = 451;
  constructor(path: string, why: string) {
    super(`INTAKE_LOCAL_VERDICTS (${path}): ${why}`);
    this.name = 'LocalVerdictsFileError';
  }
}

/** Reads the knob's file once; a missing file means all PASS. */
export async function readVerdictsFile(path: string): Promise<Partial<LocalVerdicts>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new LocalVerdictsFileError(path, `cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LocalVerdictsFileError(path, 'is not JSON');
  }
  const parsed = verdictsFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`);
    throw new LocalVerdictsFileError(path, problems.join('; '));
  }
  return parsed.data;
}

/**
 * Verdicts for every message from the knob's file. A file caught half-written (not JSON yet) is
 * read once more a moment later before the message is refused.
 */
export function verdictsFromFile(path: string, retryAfterMs = 100): VerdictsFor {
  return async () => {
    try {
      return await readVerdictsFile(path);
    } catch (error) {
      if (!(error instanceof LocalVerdictsFileError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
      return readVerdictsFile(path);
    }
  };
}
