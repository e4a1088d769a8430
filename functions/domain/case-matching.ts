import type { CaseFile } from './case-file.ts';
import { sameAddress } from './sender-address.ts';
import type { TriageReason } from './triage.ts';

/**
 * Matching an email to its case. Evidence picks the case, strongest first:
 * 1. thread — it answers an email the office sent for a case (In-Reply-To/References naming a
 *    Message-ID we recorded, or a signed reply address whose signature verifies);
 * 2. reference — it names a case reference (Aktenzeichen);
 * 3. contact — its sender is a registered contact of exactly one open case.
 * But evidence only picks: documents reach a case only when the sender is one of that case's
 * registered contacts *and* SES's verdicts authenticate it (DMARC pass, which needs an aligned
 * SPF or DKIM pass: see senderIsAuthenticated). A Message-ID or a reference is no secret (it is
 * in every quoted reply, forwarded or leaked), so whoever holds one gets the case suggested in
 * triage, never documents in. The sender is the one mailbox of the one From header, compared
 * exactly (sender-address.ts); anything else is `ambiguous-sender`. Everything else goes to
 * triage with the reason and the cases a person might choose.
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
  /** The one From mailbox's address (A–Z lowercased), or null. */
  readonly sender: string | null;
  /** From is not one header with one mailbox: no sender may be read from it. */
  readonly senderAmbiguous: boolean;
  /** The sender is one of the office's own addresses (a loop, or a forgery of ours). */
  readonly senderIsOwn: boolean;
  /** SES's verdicts say the sender's address is genuine. */
  readonly senderVerified: boolean;
}

type Triage = Extract<MatchDecision, { outcome: 'Triage' }>;

const triage = (reason: TriageReason, suggestedCases: readonly string[]): Triage => ({
  outcome: 'Triage',
  reason,
  suggestedCases,
});

/** Exact comparison (no Unicode folding): a look-alike never equals a contact. */
function isContactOf(caseFile: CaseFile, sender: string | null): boolean {
  return sender !== null && caseFile.contacts.some((contact) => sameAddress(contact, sender));
}

function isOpen(caseFile: CaseFile): boolean {
  return caseFile.status !== 'closed';
}

function unique(cases: readonly CaseFile[]): CaseFile[] {
  return [...new Map(cases.map((c) => [c.reference, c])).values()];
}

/**
 * The one open case the thread evidence names that the sender is a contact of, or why there is
 * none; null without evidence. Naming several cases' Message-IDs gains a stranger nothing.
 */
function pick(
  cases: readonly CaseFile[],
  sender: string | null,
): { readonly only: CaseFile } | Triage | null {
  const candidates = unique(cases);
  if (candidates.length === 0) return null;
  const senders = candidates.filter((c) => isContactOf(c, sender));
  if (senders.length === 0) {
    return triage(
      'thread-reply-from-unregistered-sender',
      candidates.map((c) => c.reference),
    );
  }
  if (senders.length > 1)
    return triage(
      'ambiguous',
      senders.map((c) => c.reference),
    );
  const [only] = senders as [CaseFile];
  if (!isOpen(only)) return triage('case-closed', [only.reference]);
  return { only };
}

/** The cases the evidence names, for a person to choose from when the sender cannot be trusted. */
function suggestionsFrom(facts: MatchFacts): string[] {
  const named = [...facts.replyAddressCases, ...facts.threadCases];
  if (named.length === 0 && facts.referencedCase !== null) named.push(facts.referencedCase);
  return unique(named).map((c) => c.reference);
}

export function decideMatch(facts: MatchFacts): MatchDecision {
  // Nothing below may read a sender into an email whose From does not name exactly one.
  if (facts.senderAmbiguous) return triage('ambiguous-sender', suggestionsFrom(facts));
  if (facts.senderIsOwn) return triage('from-own-address', suggestionsFrom(facts));

  const byReplyAddress = pick(facts.replyAddressCases, facts.sender);
  const byThread = byReplyAddress === null ? pick(facts.threadCases, facts.sender) : null;
  const thread = byReplyAddress ?? byThread;
  if (thread !== null) {
    if ('outcome' in thread) return thread;
    if (!facts.senderVerified) return triage('thread-reply-unauthenticated', [thread.only.reference]);
    return {
      outcome: 'Matched',
      caseReference: thread.only.reference,
      by: byReplyAddress === null ? 'thread' : 'reply-address',
    };
  }

  const referenced = facts.referencedCase;
  if (referenced !== null) {
    const suggestedCases = [referenced.reference];
    if (!isOpen(referenced)) return triage('case-closed', suggestedCases);
    if (!isContactOf(referenced, facts.sender))
      return triage('reference-from-unknown-sender', suggestedCases);
    if (!facts.senderVerified) return triage('unverified-sender', suggestedCases);
    return { outcome: 'Matched', caseReference: referenced.reference, by: 'reference' };
  }

  // The repository's index is a lookup, not the comparison: each case is checked exactly again.
  const contactCases = unique(facts.contactCases).filter((c) => isContactOf(c, facts.sender));
  const open = contactCases.filter(isOpen);
  const suggestions = open.map((c) => c.reference);
  if (open.length > 0 && !facts.senderVerified) return triage('unverified-sender', suggestions);
  if (open.length === 1) return { outcome: 'Matched', caseReference: open[0]!.reference, by: 'contact' };
  if (open.length > 1) return triage('ambiguous', suggestions);
  if (contactCases.length > 0)
    return triage(
      'case-closed',
      contactCases.map((c) => c.reference),
    );
  // A reference that names no case is worth a person's look (a typo, or another office's).
  if (facts.namedReference !== null) return triage('unknown-reference', []);
  return triage('no-match', []);
}
