import type { LocalLambda } from '../../local/local-lambda.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import type { CallCounts, FaultRule } from '../../local/fault-injection.ts';

/** The local function behind a workflow's Task state, found by the state's name. */
export function lambdaOfState(runtime: LocalRuntime, stateName: string): LocalLambda {
  for (const machine of runtime.app.stateMachines) {
    const logicalId = machine.taskFunctions[stateName];
    if (logicalId !== undefined) return runtime.lambdas.get(logicalId)!;
  }
  throw new Error(`No Task state ${stateName} in the local workflows`);
}

/** Makes the function behind `stateName` meet `rules` (`[]`: the fault is fixed). */
export function injectFaults(
  runtime: LocalRuntime,
  stateName: string,
  rules: readonly FaultRule[],
): Promise<void> {
  return lambdaOfState(runtime, stateName).injectFaults(rules);
}

/** The calls the function behind `stateName` made since its last rules, per `service:operation`. */
export function callCounts(runtime: LocalRuntime, stateName: string): Promise<CallCounts> {
  return lambdaOfState(runtime, stateName).faultCallCounts();
}
