import middy from '@middy/core';
import { s3 } from '#clients/s3';
import { optionalEnv, requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { scanningSchema } from '#events/workflow-state';
import type { MalwareScanner } from '#domain/ports';
import { ClamAvMalwareScanner } from '#adapters/clamav-malware-scanner';
import { GuardDutyTagMalwareScanner } from '#adapters/guardduty-tag-malware-scanner';
import { ScanAttachments, type ScanAttachmentsResult } from '#use-cases/scan-attachments';

/**
 * On AWS GuardDuty scans and tags; the local runtime sets MALWARE_SCANNER=clamav, where ClamAV
 * scans on demand and writes the same tag.
 */
const scanner: MalwareScanner =
  optionalEnv('MALWARE_SCANNER') === 'clamav'
    ? new ClamAvMalwareScanner(s3, {
        database: requireEnv('CLAMAV_DATABASE'),
        clamscan: optionalEnv('CLAMSCAN_PROGRAM') ?? 'clamscan',
      })
    : new GuardDutyTagMalwareScanner(s3);
const scanAttachments = new ScanAttachments(scanner);

/** IntakeWorkflow step ScanAttachments: the malware scan result of every staged file, or `Pending`. */
export const handler = middy<unknown, ScanAttachmentsResult>().handler(async (event) => {
  const state = scanningSchema.parse(event);
  const result = await scanAttachments.run(state.parsed.attachments, state.scan?.attempt ?? 0);
  const count = (status: string): number => result.statuses.filter((s) => s === status).length;
  logger.info('Scanned', {
    sesMessageId: state.messageId,
    outcome: result.outcome,
    attempt: result.attempt,
    clean: count('NO_THREATS_FOUND'),
    threats: count('THREATS_FOUND'),
    pending: count('PENDING'),
    notScanned: count('NOT_SCANNED'),
  });
  return result;
});
