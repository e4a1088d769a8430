import { DynamoDbTriageRepository } from '../functions/adapters/dynamodb-triage-repository.ts';
import type { InboundEmail } from '../functions/domain/inbound-email.ts';
import { StepFunctionsWorkflowStarter } from '../functions/adapters/step-functions-workflow-starter.ts';
import { describeReadProblems } from '../functions/domain/read-problems.ts';
import { RetryHeldMessage } from '../functions/use-cases/retry-held-message.ts';
import { TargetUnavailableError, type Target } from './target.ts';
import { safeJson } from '../functions/domain/display-text.ts';

/**
 * Who sent it and whether SES authenticated the sender: what a person needs before assigning it
 * (and adding the sender as a contact). The mailbox address only, never a display name.
 */
function senderLine(email: InboundEmail): string {
  const who =
    email.from ??
    (email.fromAddresses.length > 0
      ? `unclear (${email.senderAmbiguity ?? 'no single sender'}: ${email.fromAddresses.join(', ')})`
      : 'no sender address');
  const { spf, dkim, dmarc } = email.verdicts;
  const authenticated = email.senderVerified
    ? 'SES authenticated the sender'
    : 'SES did NOT authenticate the sender';
  return `${who} — ${authenticated} (SPF ${spf}, DKIM ${dkim}, DMARC ${dmarc})`;
}

/**
 * `intake triage list [--json]`: messages waiting for a person, oldest first, each with who sent
 * it (and whether SES authenticated that) and what could not be read as sent (the original email is kept under the message id shown).
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
    const held =
      e.reason === 'processing-error' ? `  (${e.detail ?? 'error'}; runs: ${e.attempts ?? 1})` : '';
    out(`${e.receivedAt}  ${e.messageId}  ${e.reason}${held}${suggestion}`);
    if (e.email !== undefined) out(`    from: ${senderLine(e.email)}`);
    for (const problem of describeReadProblems(e.email?.readProblems ?? [])) out(`    ! ${problem}`);
  }
  return 0;
}

/**
 * `intake triage retry MESSAGE_ID`: runs the IntakeWorkflow again for a message held after a
 * failed step, on its original input; refuses any other message with the reason.
 */
export async function triageRetryCommand(
  target: Target,
  messageId: string,
  json: boolean,
  out: (text: string) => void,
): Promise<number> {
  if (target.intakeStateMachineArn === null) {
    throw new TargetUnavailableError('The IntakeWorkflow is not known: set INTAKE_STATE_MACHINE_ARN');
  }
  const retry = new RetryHeldMessage({
    triage: new DynamoDbTriageRepository(target.db, target.tableName),
    starter: new StepFunctionsWorkflowStarter(target.stepFunctions, target.intakeStateMachineArn),
  });
  const result = await retry.run(messageId);
  if (json) out(JSON.stringify(result, null, 2));
  else if (result.outcome === 'started')
    out(
      `Retry ${result.attempt} of ${messageId} started: it leaves triage now, and comes back if it fails again.`,
    );
  else out(`Retry ${result.attempt} of ${messageId} was started before; it was not started again.`);
  return 0;
}
