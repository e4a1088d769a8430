import type { ObjectLocation } from '../domain/intake-request.ts';
import { isSettled, type MalwareScanStatus } from '../domain/malware-scan.ts';
import type { MalwareScanner } from '../domain/ports.ts';

/** How often the workflow asks for scan results before it stops waiting (see intake-workflow.ts). */
export const MAX_SCAN_ATTEMPTS = 60;

export interface ScanAttachmentsResult {
  /** `Pending` while some result is still to come and the workflow may ask again. */
  readonly outcome: 'Scanned' | 'Pending';
  readonly attempt: number;
  /** One per attachment, in order; null for a file that was not stored (nothing to scan). */
  readonly statuses: (MalwareScanStatus | null)[];
}

/**
 * Asks for the malware scan result of every staged file of one email. The workflow calls it
 * again after a wait while any result is pending, up to MAX_SCAN_ATTEMPTS times; a result still
 * pending then holds its file (`scan-timeout`). Asking again only reads: safe to replay.
 */
export class ScanAttachments {
  readonly #scanner: MalwareScanner;
  readonly #maxAttempts: number;

  constructor(scanner: MalwareScanner, maxAttempts = MAX_SCAN_ATTEMPTS) {
    this.#scanner = scanner;
    this.#maxAttempts = maxAttempts;
  }

  async run(
    attachments: readonly { readonly location: ObjectLocation | null }[],
    previousAttempt: number,
  ): Promise<ScanAttachmentsResult> {
    const attempt = previousAttempt + 1;
    const stored = attachments.flatMap((a) => (a.location === null ? [] : [a.location]));
    const found = await this.#scanner.statuses(stored);
    let next = 0;
    const statuses = attachments.map((a) => (a.location === null ? null : found[next++]!));
    const pending = statuses.some((status) => status !== null && !isSettled(status));
    return { outcome: pending && attempt < this.#maxAttempts ? 'Pending' : 'Scanned', attempt, statuses };
  }
}
