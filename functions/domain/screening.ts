import { ABSENCE_REASONS } from './automatic-mail.ts';
import { senderIsAuthenticated, type ReceiptVerdicts, type VerdictStatus } from './receipt-verdicts.ts';

/**
 * The Screen step's decision, routed on by the workflow:
 * - `Quarantine`: the receiving service did not find the message clean of viruses or spam (`verdict`
 *   says what it found instead of PASS); a person looks at it, no case sees it, nothing answers it;
 * - `AutomaticMail`: an auto-reply, bounce or list mail without documents; never answered;
 * - `Proceed`: on to matching. `senderVerified` says whether the sender's address may identify
 *   the applicant (it may not when SPF/DKIM/DMARC failed: possible spoofing). `autoReplyAllowed`
 *   is false for automatic mail that carries documents (an auto-forward, a meeting answer from
 *   Outlook): its documents reach the case, but nothing automatic answers it.
 */
export type ScreeningResult =
  | { readonly outcome: 'Quarantine'; readonly reason: 'virus' | 'spam'; readonly verdict: VerdictStatus }
  | { readonly outcome: 'AutomaticMail'; readonly reason: string }
  | {
      readonly outcome: 'Proceed';
      readonly senderVerified: boolean;
      readonly heldAttachments: number;
      readonly autoReplyAllowed: boolean;
    };

export interface ScreeningInput {
  readonly verdicts: ReceiptVerdicts;
  readonly automaticReason: string | null;
  /** `kind` tells documents from signatures, calendar data and the like (not counted as held). */
  readonly attachments: readonly { readonly accepted: boolean; readonly kind?: string }[];
}

export function screenEmail(input: ScreeningInput): ScreeningResult {
  // Fail closed: only PASS is clean. A scan that could not run (PROCESSING_FAILED), was switched
  // off (DISABLED) or could not decide (GRAY) says nothing about the files, so they are held.
  if (input.verdicts.virus !== 'PASS') {
    return { outcome: 'Quarantine', reason: 'virus', verdict: input.verdicts.virus };
  }
  if (input.verdicts.spam !== 'PASS') {
    return { outcome: 'Quarantine', reason: 'spam', verdict: input.verdicts.spam };
  }
  const isDocument = (a: { kind?: string }): boolean => a.kind === undefined || a.kind === 'document';
  const carriesDocuments = input.attachments.some((a) => a.accepted && isDocument(a));
  // An absence notice reaches its case to be recorded there (never answered, never an answer).
  const absence = input.automaticReason !== null && ABSENCE_REASONS.has(input.automaticReason);
  if (input.automaticReason !== null && !carriesDocuments && !absence) {
    return { outcome: 'AutomaticMail', reason: input.automaticReason };
  }
  return {
    outcome: 'Proceed',
    senderVerified: senderIsAuthenticated(input.verdicts),
    heldAttachments: input.attachments.filter((a) => !a.accepted && isDocument(a)).length,
    autoReplyAllowed: input.automaticReason === null,
  };
}
