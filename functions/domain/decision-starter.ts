import type { DecisionRequest } from './decision.ts';

/** Starts the DecisionWorkflow. The same decision id twice starts nothing new. */
export interface DecisionStarter {
  start(request: DecisionRequest): Promise<'started' | 'already-started'>;
}
