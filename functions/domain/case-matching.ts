import type { CaseFile } from './case-file.ts';
import type { TriageReason } from './triage.ts';

/**
 * Matching an email to its case, strongest evidence first:
 * 1. thread — it answers an email the office sent for a case (In-Reply-To/References naming a
 *    Message-ID we recorded, or a signed reply address whose signature verifies);
 * 2. reference — it names a case reference (Aktenzeichen), and comes from that case's contact;
 * 3. contact — its authenticated sender is a registered contact of exactly one open case.
 * Everything else goes to triage with the reason and the cases a person might choose.
 * The sender's address counts only when SES's SPF/DKIM/DMARC verdicts pass.
 */
export type MatchEvidence = 'thread' | 'reply-address' | 'reference' | 'contact';

export type MatchDecision =
  | { readonly outcome: 'Matched'; readonly caseReference: string; readonly by: MatchEvidence }
  | { readonly outcome: 'Triage'; readonly reason: TriageReason; readonly suggestedCases: readonly string[] };

/** What was found about an email before deciding; gathered by the MatchCase use case. */
export interface MatchFacts {
  /** Cases whose sent emails this one's In-Reply-To/References name. */
  readonly threadCases: readonly CaseFile[];
  /** Cases named by a verified signed reply address among the real recipients. */
  readonly replyAddressCases: readonly CaseFile[];
  /** The case the email's case reference names, when such a case exists. */
  readonly referencedCase: CaseFile | null;
  /** The case reference the email named, existing or not. */
  readonly namedReference: string | null;
  /** Cases the sender's address is a registered contact of (any status). */
  readonly contactCases: readonly CaseFile[];
  /** The From address (lowercase), or null. */
  readonly sender: string | null;
  /** SES's verdicts say the sender's address is genuine. */
  readonly senderVerified: boolean;
}

function isOpen(caseFile: CaseFile): boolean {
  return caseFile.status !== 'closed';
}

function unique(cases: readonly CaseFile[]): CaseFile[] {
  return [...new Map(cases.map((c) => [c.reference, c])).values()];
}

function byThread(cases: readonly CaseFile[], by: MatchEvidence): MatchDecision | null {
  const candidates = unique(cases);
  if (candidates.length === 0) return null;
  const references = candidates.map((c) => c.reference);
  if (candidates.length > 1) return { outcome: 'Triage', reason: 'ambiguous', suggestedCases: references };
  const [only] = candidates as [CaseFile];
  if (!isOpen(only)) return { outcome: 'Triage', reason: 'case-closed', suggestedCases: references };
  return { outcome: 'Matched', caseReference: only.reference, by };
}

export function decideMatch(facts: MatchFacts): MatchDecision {
  const thread = byThread(facts.replyAddressCases, 'reply-address') ?? byThread(facts.threadCases, 'thread');
  if (thread !== null) return thread;

  const referenced = facts.referencedCase;
  if (referenced !== null) {
    const suggestedCases = [referenced.reference];
    if (!isOpen(referenced)) return { outcome: 'Triage', reason: 'case-closed', suggestedCases };
    const fromContact = facts.sender !== null && referenced.contacts.includes(facts.sender);
    if (!fromContact) return { outcome: 'Triage', reason: 'reference-from-unknown-sender', suggestedCases };
    if (!facts.senderVerified) return { outcome: 'Triage', reason: 'unverified-sender', suggestedCases };
    return { outcome: 'Matched', caseReference: referenced.reference, by: 'reference' };
  }

  const open = unique(facts.contactCases).filter(isOpen);
  const suggestions = open.map((c) => c.reference);
  if (open.length > 0 && !facts.senderVerified) {
    return { outcome: 'Triage', reason: 'unverified-sender', suggestedCases: suggestions };
  }
  if (open.length === 1) return { outcome: 'Matched', caseReference: open[0]!.reference, by: 'contact' };
  if (open.length > 1) return { outcome: 'Triage', reason: 'ambiguous', suggestedCases: suggestions };
  if (facts.contactCases.length > 0) {
    return {
      outcome: 'Triage',
      reason: 'case-closed',
      suggestedCases: unique(facts.contactCases).map((c) => c.reference),
    };
  }
  // A reference that names no case is worth a person's look (a typo, or another office's).
  if (facts.namedReference !== null)
    return { outcome: 'Triage', reason: 'unknown-reference', suggestedCases: [] };
  return { outcome: 'Triage', reason: 'no-match', suggestedCases: [] };
}
