import type { CaseActivityLog } from '../domain/case-activity.ts';
import type { CaseRepository } from '../domain/case-repository.ts';
import type { ObjectLocation } from '../domain/intake-request.ts';

/**
 * A file of a case as it is handed to a caseworker: a document (scanned clean, or not scanned
 * where no scanner runs), or a file an email carried that was held in quarantine.
 */
export interface CaseFileToHandOut {
  readonly sha256: string;
  readonly filename: string | null;
  /** Type read from the bytes (never the sender's declared type); null when unknown. */
  readonly detectedType: string | null;
  readonly size: number | null;
  readonly location: ObjectLocation;
  readonly quarantined: boolean;
  /** Held files: why (HoldReason code). */
  readonly holdReason: string | null;
}

/** What a request for a case's file comes to. */
export type HandOutDecision =
  | { readonly outcome: 'hand-out'; readonly file: CaseFileToHandOut }
  /** Quarantined: only after the caseworker confirmed the warning. */
  | { readonly outcome: 'warn-first'; readonly file: CaseFileToHandOut }
  /** The malware scan found threats: never handed out. */
  | { readonly outcome: 'refused'; readonly file: CaseFileToHandOut }
  | { readonly outcome: 'not-found' };

/** Hold reasons a file is never handed out for: the malware scan found threats in it. */
const NEVER_HANDED_OUT = new Set(['malware']);

/**
 * Hands a case's file to a caseworker. Primary course: the file is a document of the case →
 * the view is recorded on the case's activity (who, when, which file) and the caller serves the
 * bytes (locally) or a presigned link (AWS). A quarantined file needs the confirmed warning
 * first and is recorded as such; a file with a malware finding is never handed out.
 */
export class HandOutDocument {
  readonly #cases: CaseRepository;
  readonly #activity: CaseActivityLog;
  readonly #now: () => Date;

  constructor(deps: { cases: CaseRepository; activity: CaseActivityLog; now?: () => Date }) {
    this.#cases = deps.cases;
    this.#activity = deps.activity;
    this.#now = deps.now ?? (() => new Date());
  }

  /** Finds the file and says whether it may be handed out; records nothing. */
  async decide(reference: string, sha256: string): Promise<HandOutDecision> {
    if ((await this.#cases.get(reference)) === null) return { outcome: 'not-found' };
    const document = (await this.#cases.documents(reference)).find((d) => d.sha256 === sha256);
    if (document !== undefined)
      return {
        outcome: 'hand-out',
        file: {
          sha256,
          filename: document.filename,
          detectedType: document.detectedType,
          size: document.size,
          location: document.location,
          quarantined: false,
          holdReason: null,
        },
      };
    const held = (await this.#cases.log(reference))
      .flatMap((entry) => entry.held)
      .find((h) => h.sha256 === sha256 && h.location !== undefined && h.location !== null);
    if (held === undefined) return { outcome: 'not-found' };
    const file: CaseFileToHandOut = {
      sha256,
      filename: held.filename,
      detectedType: held.detectedType ?? null,
      size: held.size ?? null,
      location: held.location!,
      quarantined: true,
      holdReason: held.reason,
    };
    return { outcome: NEVER_HANDED_OUT.has(held.reason ?? '') ? 'refused' : 'warn-first', file };
  }

  /**
   * The file to serve, once allowed, with the view recorded; null when it may not be handed out
   * (not found, quarantined without the confirmed warning, or a malware finding).
   */
  async run(
    reference: string,
    sha256: string,
    caseworker: string,
    options: { warningConfirmed: boolean },
  ): Promise<CaseFileToHandOut | null> {
    const decision = await this.decide(reference, sha256);
    if (decision.outcome === 'not-found' || decision.outcome === 'refused') return null;
    if (decision.outcome === 'warn-first' && !options.warningConfirmed) return null;
    await this.#activity.record(reference, {
      at: this.#now().toISOString(),
      caseworker,
      kind: decision.file.quarantined ? 'quarantined-file-downloaded' : 'document-viewed',
      subject: sha256,
      detail: null,
    });
    return decision.file;
  }
}
