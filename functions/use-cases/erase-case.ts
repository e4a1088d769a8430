import { createHash } from 'node:crypto';
import { normaliseAddress } from '../domain/case-file.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type {
  CaseErasureRecords,
  CaseTombstone,
  ErasedCounts,
  ObjectEraser,
  RawMailLocator,
} from '../domain/erasure.ts';
import type { ObjectLocation } from '../domain/intake-request.ts';
import type { TriageEntry, TriageRepository } from '../domain/triage.ts';

export interface EraseCaseDeps {
  readonly cases: CaseRepository;
  readonly records: CaseErasureRecords;
  readonly triage: TriageRepository;
  /** Deletes files of the document bucket (`documents/`, `quarantine/`). */
  readonly documentFiles: ObjectEraser;
  /** Deletes raw received emails. */
  readonly rawMail: ObjectEraser;
  /** Deletes the system's copies of sent emails. */
  readonly outbox: ObjectEraser;
  readonly rawMailLocation: RawMailLocator;
  readonly now?: () => Date;
}

export type EraseCaseResult =
  | { readonly outcome: 'erased'; readonly tombstone: CaseTombstone }
  | { readonly outcome: 'already-erased'; readonly tombstone: CaseTombstone };

/**
 * Erasure on request (GDPR Art. 17): deletes a person's case with everything kept about it — its
 * records, its documents' files unless another case holds the same bytes, the raw emails, the
 * system's copies of what it sent, triage entries about the case or from its contacts, rate-limit
 * records — and leaves a tombstone saying what went (counts), when and by whom.
 *
 * Files and triage entries go first and the case last: a run cut off half-way leaves the case in
 * place, so running it again finds everything it still has to delete.
 */
export class EraseCase {
  readonly #deps: EraseCaseDeps;

  constructor(deps: EraseCaseDeps) {
    this.#deps = deps;
  }

  /** The tombstone of an erased case, or null. */
  tombstone(reference: string): Promise<CaseTombstone | null> {
    return this.#deps.records.tombstone(reference);
  }

  /** @returns null when there is no such case and never was. */
  async run(reference: string, erasedBy: string): Promise<EraseCaseResult | null> {
    const { cases, records, triage } = this.#deps;
    const earlier = await records.tombstone(reference);
    if (earlier !== null) {
      // A run cut off after the tombstone was written may have left records behind.
      await records.erase(reference, () => earlier);
      return { outcome: 'already-erased', tombstone: earlier };
    }
    const caseFile = await cases.get(reference);
    if (caseFile === null) return null;

    const [documents, log, waiting] = await Promise.all([
      cases.documents(reference),
      cases.log(reference),
      triage.list(),
    ]);
    const contacts = new Set(caseFile.contacts.map(normaliseAddress));
    const concerns = (entry: TriageEntry): boolean =>
      entry.suggestedCases.includes(reference) ||
      entry.email?.caseReference === reference ||
      (entry.email?.from != null && contacts.has(normaliseAddress(entry.email.from)));
    const triageEntries = waiting.filter(concerns);
    const otherTriage = waiting.filter((entry) => !concerns(entry));

    // Files by content hash: the case's documents and the files of its triage entries.
    const files = new Map<string, ObjectLocation[]>();
    const addFile = (sha256: string, location: ObjectLocation | null): void => {
      if (location === null) return;
      const known = files.get(sha256) ?? [];
      if (!known.some((l) => l.bucket === location.bucket && l.key === location.key)) known.push(location);
      files.set(sha256, known);
    };
    for (const document of documents) addFile(document.sha256, document.location);
    for (const entry of triageEntries)
      for (const attachment of entry.email?.attachments ?? [])
        addFile(attachment.sha256, attachment.location);
    const heldElsewhere = await records.casesHoldingDocuments([...files.keys()], reference);
    const waitingElsewhere = new Set(
      otherTriage.flatMap((entry) => (entry.email?.attachments ?? []).map((a) => a.sha256)),
    );
    const shared = [...files.keys()].filter(
      (sha256) => (heldElsewhere.get(sha256)?.length ?? 0) > 0 || waitingElsewhere.has(sha256),
    );
    const deletable = [...files].filter(([sha256]) => !shared.includes(sha256)).flatMap(([, l]) => l);

    const receivedEmails = unique([
      ...log.filter((e) => e.direction === 'in').map((e) => e.messageId),
      ...triageEntries.map((e) => e.messageId),
    ]);
    const rawEmails = receivedEmails.flatMap((id) => this.#deps.rawMailLocation(id));
    const outboxCopies = log.flatMap((e) => (e.direction === 'out' && e.raw !== undefined ? [e.raw] : []));

    await this.#deps.documentFiles.erase(deletable);
    await this.#deps.rawMail.erase(rawEmails);
    await this.#deps.outbox.erase(outboxCopies);
    for (const entry of triageEntries) await triage.remove(entry.messageId);
    const rateLimitRecords = await records.forgetRateLimits([
      `query#${reference}`,
      ...[...contacts].map((address) => `triage-reply#${sha256Hex(address)}`),
    ]);

    const erasedAt = (this.#deps.now?.() ?? new Date()).toISOString();
    const tombstone = (caseRecords: {
      contacts: number;
      documents: number;
      logEntries: number;
      otherRecords: number;
    }): CaseTombstone => {
      const erased: ErasedCounts = {
        ...caseRecords,
        documentFiles: new Set(deletable.map((l) => `${l.bucket}/${l.key}`)).size,
        sharedDocumentFilesKept: shared.length,
        rawEmails: receivedEmails.length,
        outboxCopies: outboxCopies.length,
        triageEntries: triageEntries.length,
        rateLimitRecords,
      };
      return { reference, erasedAt, erasedBy, erased };
    };
    let written: CaseTombstone | null = null;
    await records.erase(reference, (caseRecords) => (written = tombstone(caseRecords)));
    // Another erasure of the same case may have won the race; its tombstone is the one kept.
    const kept = (await records.tombstone(reference)) ?? written!;
    return { outcome: 'erased', tombstone: kept };
  }
}

/** Same key as SendTriageReply's rate limit: the sender's address, hashed. */
function sha256Hex(address: string): string {
  return createHash('sha256').update(address.toLowerCase()).digest('hex');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
