import type { ApplicantNotices } from '../domain/applicant-notices.ts';
import { checklistFor, DEFAULT_REQUEST_TYPE, REQUEST_TYPES } from '../domain/checklist.ts';
import {
  looksLikeEmailAddress,
  normaliseAddress,
  type CaseFile,
  type CaseLanguage,
} from '../domain/case-file.ts';
import type { CaseReferenceMatcher } from '../domain/case-reference.ts';
import type { CaseRepository } from '../domain/case-repository.ts';

export interface OpenCaseRequest {
  /** An existing reference from the office's case system; a new one is drawn when absent. */
  readonly reference?: string;
  readonly applicantName: string;
  readonly contacts: readonly string[];
  readonly language?: CaseLanguage;
  readonly requestType?: string;
  readonly caseworker?: string;
  /** YYYY-MM-DD: a passport's MRZ is compared with it. */
  readonly birthDate?: string;
}

/** A request that cannot become a case, with every reason why. */
export class InvalidCaseError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'InvalidCaseError';
    this.problems = problems;
  }
}

/** The case reference asked for belongs to a case that exists: it is left as it was. */
export class CaseExistsError extends Error {
  readonly reference: string;
  constructor(reference: string) {
    super(`A case ${reference} exists already; it was left unchanged`);
    this.name = 'CaseExistsError';
    this.reference = reference;
  }
}

export interface OpenCaseResult {
  readonly reference: string;
  readonly outcome: 'created';
}

/**
 * How many taken references in a row a draw skips before it gives up. The counter is raised past
 * every reference the office brings, so only cases it never saw (written by an older version, a
 * restored backup) or a concurrent import are skipped; a long run of them means something else
 * is wrong.
 */
export const MAX_REFERENCE_DRAWS = 100;

/**
 * Opens a case with the checklist of its request type and, where notices are wired (CLI, API),
 * sends the applicant that checklist and the address to send to (unless `notify: false`).
 */
export class OpenCase {
  readonly #cases: CaseRepository;
  readonly #references: CaseReferenceMatcher;
  readonly #defaultCaseworker: string;
  readonly #now: () => Date;
  readonly #notices: ApplicantNotices | null;

  constructor(deps: {
    cases: CaseRepository;
    references: CaseReferenceMatcher;
    defaultCaseworker: string;
    now?: () => Date;
    /** Tells the applicant of a new case (the checklist); none: nothing is sent. */
    notices?: ApplicantNotices;
  }) {
    this.#notices = deps.notices ?? null;
    this.#cases = deps.cases;
    this.#references = deps.references;
    this.#defaultCaseworker = deps.defaultCaseworker;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(request: OpenCaseRequest, options: { notify?: boolean } = {}): Promise<OpenCaseResult> {
    const result = await this.#open(request);
    if (options.notify ?? true) await this.#notices?.caseOpened(result.reference);
    return result;
  }

  async #open(request: OpenCaseRequest): Promise<OpenCaseResult> {
    const problems: string[] = [];
    const name = request.applicantName.trim();
    if (name === '') problems.push('the applicant name is empty');
    const contacts = [...new Set(request.contacts.map(normaliseAddress).filter((c) => c !== ''))];
    if (contacts.length === 0) problems.push('at least one contact email address is needed');
    for (const contact of contacts)
      if (!looksLikeEmailAddress(contact)) problems.push(`"${contact}" is not an email address`);
    const requestType = request.requestType ?? DEFAULT_REQUEST_TYPE;
    const checklist = checklistFor(requestType);
    if (checklist === undefined)
      problems.push(`unknown request type "${requestType}" (known: ${REQUEST_TYPES.join(', ')})`);
    let reference: string | null = null;
    if (request.reference !== undefined && request.reference.trim() !== '') {
      reference = this.#references.normalise(request.reference);
      if (reference === null) problems.push(`"${request.reference}" is not a case reference`);
    }
    const caseworker = request.caseworker?.trim() || this.#defaultCaseworker;
    if (!looksLikeEmailAddress(caseworker))
      problems.push(`caseworker "${caseworker}" is not an email address`);
    const birthDate = request.birthDate?.trim() || undefined;
    if (birthDate !== undefined && !isCalendarDate(birthDate))
      problems.push(`birth date "${birthDate}" is not a date (YYYY-MM-DD)`);
    if (problems.length > 0 || checklist === undefined) throw new InvalidCaseError(problems);

    const now = this.#now();
    const caseFile = (reference: string): CaseFile => ({
      reference,
      applicantName: name,
      contacts,
      language: request.language ?? 'de',
      caseworker: normaliseAddress(caseworker),
      requestType,
      status: 'open',
      checklist,
      openedAt: now.toISOString(),
      ...(birthDate === undefined ? {} : { birthDate }),
    });
    // The office's own reference: never a second case under it, never the first one overwritten.
    if (reference !== null) {
      if ((await this.#cases.create(caseFile(reference))) === 'exists') throw new CaseExistsError(reference);
      return { reference, outcome: 'created' };
    }
    // A drawn reference can be one the office brought: skip it and draw the next.
    for (let draw = 0; draw < MAX_REFERENCE_DRAWS; draw += 1) {
      const drawn = await this.#cases.nextReference(now.getUTCFullYear());
      if ((await this.#cases.create(caseFile(drawn))) === 'created')
        return { reference: drawn, outcome: 'created' };
    }
    throw new Error(`The last ${MAX_REFERENCE_DRAWS} case references drawn were all taken`);
  }
}

/** A real YYYY-MM-DD day ("2026-02-30" is not one). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
