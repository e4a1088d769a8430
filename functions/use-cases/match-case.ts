import type { CaseFile } from '../domain/case-file.ts';
import { decideMatch, type MatchDecision } from '../domain/case-matching.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { InboundEmail } from '../domain/inbound-email.ts';
import { verifiedReplyReference } from '../domain/reply-address.ts';
import type { TriageRepository } from '../domain/triage.ts';

export interface MatchCaseDependencies {
  readonly cases: CaseRepository;
  readonly triage: TriageRepository;
  /** Secret of the signed reply addresses; null when the deployment has none. */
  readonly replyAddressSecret: string | null;
  /** Whether an address is one of the office's own (see own-addresses.ts). */
  readonly isOwnAddress: (address: string) => boolean;
}

/** Finds the case an email belongs to, or puts it in triage with the reason. */
export class MatchCase {
  readonly #deps: MatchCaseDependencies;

  constructor(deps: MatchCaseDependencies) {
    this.#deps = deps;
  }

  async run(email: InboundEmail): Promise<MatchDecision> {
    const { cases, triage, replyAddressSecret, isOwnAddress } = this.#deps;
    // References lists a thread oldest first: the newest IDs are the likeliest to be ours.
    const threadIds = [email.inReplyTo, ...[...email.references].reverse()]
      .filter((id): id is string => id !== null)
      .slice(0, 20);
    const replyReferences =
      replyAddressSecret === null
        ? []
        : email.recipients
            .map((r) => verifiedReplyReference(r, replyAddressSecret))
            .filter((r): r is string => r !== null);
    const [threadCases, replyAddressCases, referencedCase, contactCases] = await Promise.all([
      Promise.all(threadIds.map((id) => cases.casesBySentMessageId(id))).then((lists) => lists.flat()),
      Promise.all(replyReferences.map((r) => cases.get(r))).then((list) =>
        list.filter((c): c is CaseFile => c !== null),
      ),
      email.caseReference === null ? Promise.resolve(null) : cases.get(email.caseReference),
      email.from === null ? Promise.resolve([]) : cases.casesByContact(email.from),
    ]);
    const decision = decideMatch({
      threadCases,
      replyAddressCases,
      referencedCase,
      namedReference: email.caseReference,
      contactCases,
      sender: email.from,
      senderAmbiguous: email.senderAmbiguity !== null,
      senderIsOwn: email.from !== null && isOwnAddress(email.from),
      senderVerified: email.senderVerified,
    });
    if (decision.outcome === 'Triage') {
      await triage.add({
        messageId: email.messageId,
        reason: decision.reason,
        receivedAt: email.receivedAt,
        suggestedCases: decision.suggestedCases,
        detail: null,
        email,
      });
    }
    return decision;
  }
}
