import type { IntakeRequest } from '../domain/intake-request.ts';
import type { WorkflowStarter } from '../domain/ports.ts';

/** Starts one IntakeWorkflow per received message, however often its notification arrives. */
export class StartIntake {
  readonly #starter: WorkflowStarter;

  constructor(starter: WorkflowStarter) {
    this.#starter = starter;
  }

  run(request: IntakeRequest): Promise<'started' | 'already-started'> {
    return this.#starter.startIntake(request);
  }
}
