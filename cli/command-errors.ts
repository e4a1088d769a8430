import { UnreadableCsvError } from '../functions/adapters/csv-case-rows.ts';
import { AssignmentError } from '../functions/use-cases/assign-from-triage.ts';
import { CaseExistsError, InvalidCaseError } from '../functions/use-cases/open-case.ts';
import { ReassignmentError } from '../functions/use-cases/reassign-document.ts';
import { RetryRefusedError } from '../functions/use-cases/retry-held-message.ts';
import { InvalidDecisionError } from '../functions/use-cases/start-decision.ts';

/**
 * What the CLI prints on stderr, and its exit code, for an error a command let through: a
 * use case's refusal is said in its own words (exit 1), anything else with its name. Imported
 * only when a command failed, so that commands that succeed never load the use cases they do
 * not use.
 */
export function commandErrorReport(error: unknown): { text: string; exitCode: number } {
  if (
    error instanceof AssignmentError ||
    error instanceof ReassignmentError ||
    error instanceof InvalidDecisionError ||
    error instanceof CaseExistsError ||
    error instanceof RetryRefusedError
  ) {
    return { text: `${error.message}\n`, exitCode: 1 };
  }
  if (error instanceof UnreadableCsvError) {
    return {
      text: `The CSV cannot be read; nothing was imported:\n${error.problems.map((p) => `  ${p}\n`).join('')}`,
      exitCode: 1,
    };
  }
  if (error instanceof InvalidCaseError) {
    return { text: `The case cannot be opened: ${error.problems.join('; ')}\n`, exitCode: 1 };
  }
  return {
    text: `intake: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    exitCode: 1,
  };
}
