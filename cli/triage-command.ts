import { DynamoDbTriageRepository } from '../functions/adapters/dynamodb-triage-repository.ts';
import { describeReadProblems } from '../functions/domain/read-problems.ts';
import type { Target } from './target.ts';
import { safeJson } from '../functions/domain/display-text.ts';

/**
 * `intake triage list [--json]`: messages waiting for a person, oldest first, each with what
 * could not be read as sent (the original email is kept under the message id shown).
 */
export async function triageListCommand(
  target: Target,
  json: boolean,
  out: (text: string) => void,
): Promise<number> {
  const entries = await new DynamoDbTriageRepository(target.db, target.tableName).list();
  if (json) {
    out(safeJson(entries));
    return 0;
  }
  if (entries.length === 0) out('Triage is empty.');
  for (const e of entries) {
    const suggestion = e.suggestedCases.length > 0 ? `  suggested: ${e.suggestedCases.join(', ')}` : '';
    out(`${e.receivedAt}  ${e.messageId}  ${e.reason}${suggestion}`);
    for (const problem of describeReadProblems(e.email?.readProblems ?? [])) out(`    ! ${problem}`);
  }
  return 0;
}
