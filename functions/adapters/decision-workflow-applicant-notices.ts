import { noticeId, type ApplicantNotices } from '../domain/applicant-notices.ts';
import type { DecisionStarter } from '../domain/decision-starter.ts';

/** Applicant notices as DecisionWorkflow executions, whose SendDecision step sends them. */
export class DecisionWorkflowApplicantNotices implements ApplicantNotices {
  readonly #starter: DecisionStarter;
  readonly #now: () => Date;

  constructor(starter: DecisionStarter, now: () => Date = () => new Date()) {
    this.#starter = starter;
    this.#now = now;
  }

  async caseOpened(reference: string): Promise<void> {
    await this.#starter.start({
      kind: 'welcome',
      caseReference: reference,
      decisionId: noticeId('welcome', reference),
      decidedAt: this.#now().toISOString(),
    });
  }

  async submissionAssigned(reference: string, messageId: string): Promise<void> {
    await this.#starter.start({
      kind: 'acknowledgement',
      caseReference: reference,
      messageId,
      decisionId: noticeId('acknowledgement', reference, messageId),
      decidedAt: this.#now().toISOString(),
    });
  }
}
