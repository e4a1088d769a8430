import type { ObjectLocation } from '../domain/intake-request.ts';
import { withScanResults, type MalwareScanStatus } from '../domain/malware-scan.ts';
import type { StagedFiles } from '../domain/ports.ts';

/** An attachment as the workflow state carries it after parsing. */
export interface StagedAttachment {
  readonly sha256: string;
  readonly filename: string | null;
  readonly contentType: string;
  readonly detectedType: string | null;
  readonly accepted: boolean;
  readonly reason: string | null;
  readonly location: ObjectLocation | null;
}

/**
 * Moves each staged file of a screened email to where it belongs: `documents/` when the policy
 * accepted it, its scan found it clean (or no scanner runs) and the email as a whole was not
 * quarantined; `quarantine/` otherwise. Files move by content hash, so a replay moves nothing
 * twice. Returns the attachments as they now are (the workflow puts them back in its state).
 */
export class FileAttachments {
  readonly #files: StagedFiles;

  constructor(files: StagedFiles) {
    this.#files = files;
  }

  async run<T extends StagedAttachment>(
    attachments: readonly T[],
    statuses: readonly (MalwareScanStatus | null)[],
    emailQuarantined: boolean,
  ) {
    const screened = withScanResults(attachments, statuses);
    const filed = [];
    for (const attachment of screened) {
      if (attachment.location === null) {
        filed.push(attachment);
        continue;
      }
      const area = attachment.accepted && !emailQuarantined ? 'documents' : 'quarantine';
      const location = await this.#files.file(attachment.location, area, {
        sha256: attachment.sha256,
        filename: attachment.filename,
        declaredType: attachment.contentType,
        detectedType: attachment.detectedType,
      });
      filed.push({ ...attachment, location });
    }
    return filed;
  }
}
