import type { ReceiptVerdicts } from '../../functions/domain/receipt-verdicts.ts';

/** What SES reports for an ordinary, authenticated message. */
export const ALL_PASS: ReceiptVerdicts = {
  spam: 'PASS',
  virus: 'PASS',
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'PASS',
  dmarcPolicy: 'none',
};
