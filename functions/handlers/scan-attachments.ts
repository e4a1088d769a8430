import middy from '@middy/core';
import { s3 } from '#clients/s3';
import { logger } from '#shared/logger';
import { scanningSchema } from '#events/workflow-state';
import { GuardDutyTagMalwareScanner } from '#adapters/guardduty-tag-malware-scanner';
import { ScanAttachments, type ScanAttachmentsResult } from '#use-cases/scan-attachments';

/**
 * GuardDuty scans every file written to staging/ and tags it; locally the runtime's stand-in
 * (ClamAV) writes the same tag. This step only reads tags, the same way in both places.
 */
const scanAttachments = new ScanAttachments(new GuardDutyTagMalwareScanner(s3));

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
