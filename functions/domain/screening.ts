import { ABSENCE_REASONS } from './automatic-mail.ts';
import { senderIsAuthenticated, type ReceiptVerdicts } from './receipt-verdicts.ts';

/**
 * The Screen step's decision, routed on by the workflow:
 * - `Quarantine`: the receiving service found a virus or spam; a person looks at it, no case sees it;
 * - `AutomaticMail`: an auto-reply, bounce or list mail without documents; never answered;
 * - `Proceed`: on to matching. `senderVerified` says whether the sender's address may identify
 *   the applicant (it may not when SPF/DKIM/DMARC failed: possible spoofing). `autoReplyAllowed`
 *   is false for automatic mail that carries documents (an auto-forward, a meeting answer from
 *   Outlook): its documents reach the case, but nothing automatic answers it.
 */
export type ScreeningResult =
  | { readonly outcome: 'Quarantine'; readonly reason: 'virus' | 'spam' }
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
  // A scan that could not run is not a pass: hold the message rather than trust it.
  if (input.verdicts.virus === 'FAIL' || input.verdicts.virus === 'PROCESSING_FAILED') {
    return { outcome: 'Quarantine', reason: 'virus' };
  }
  if (input.verdicts.spam === 'FAIL') return { outcome: 'Quarantine', reason: 'spam' };
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
