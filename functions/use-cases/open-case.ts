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

export interface OpenCaseResult {
  readonly reference: string;
  /** `exists`: a case with that reference was there already and was left as it was. */
  readonly outcome: 'created' | 'exists';
}

/** Opens a case with the checklist of its request type. */
export class OpenCase {
  readonly #cases: CaseRepository;
  readonly #references: CaseReferenceMatcher;
  readonly #defaultCaseworker: string;
  readonly #now: () => Date;

  constructor(deps: {
    cases: CaseRepository;
    references: CaseReferenceMatcher;
    defaultCaseworker: string;
    now?: () => Date;
  }) {
    this.#cases = deps.cases;
    this.#references = deps.references;
    this.#defaultCaseworker = deps.defaultCaseworker;
    this.#now = deps.now ?? (() => new Date());
  }

  async run(request: OpenCaseRequest): Promise<OpenCaseResult> {
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
    if (problems.length > 0 || checklist === undefined) throw new InvalidCaseError(problems);

    const now = this.#now();
    const caseFile: CaseFile = {
      reference: reference ?? (await this.#cases.nextReference(now.getUTCFullYear())),
      applicantName: name,
      contacts,
      language: request.language ?? 'de',
      caseworker: normaliseAddress(caseworker),
      requestType,
      status: 'open',
      checklist,
      openedAt: now.toISOString(),
    };
    return { reference: caseFile.reference, outcome: await this.#cases.create(caseFile) };
  }
}
