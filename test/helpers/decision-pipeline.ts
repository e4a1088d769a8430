import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsDecisionStarter } from '../../functions/adapters/step-functions-decision-starter.ts';
import { StartDecision } from '../../functions/use-cases/start-decision.ts';
import { startTestPipeline, type TestPipeline } from './local-pipeline.ts';

/** A test pipeline with the caseworker's decision use case wired to its DecisionWorkflow. */
export interface DecisionPipeline {
  readonly pipeline: TestPipeline;
  readonly startDecision: StartDecision;
  stop(): Promise<void>;
}

/**
 * Starts the local pipeline for DecisionWorkflow tests: days become the given moments, and
 * handlers are loaded up front so no cold start eats into a shortened wait.
 */
export async function startDecisionPipeline(
  waitTimeOverrides: Record<string, number>,
): Promise<DecisionPipeline> {
  const pipeline = await startTestPipeline({ waitTimeOverrides, warmLambdas: true });
  const { runtime } = pipeline;
  const sfn = new SFNClient({
    endpoint: runtime.endpoints.stepFunctions,
    region: runtime.description.region,
    credentials: runtime.description.credentials,
  });
  const arn = Object.entries(runtime.description.stateMachines).find(([id]) =>
    id.startsWith('DecisionWorkflow'),
  )![1];
  return {
    pipeline,
    startDecision: new StartDecision({
      cases: pipeline.cases,
      starter: new StepFunctionsDecisionStarter(sfn, arn),
    }),
    async stop() {
      sfn.destroy();
      await pipeline.stop();
    },
  };
}
