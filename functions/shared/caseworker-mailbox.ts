/** The team mailbox new cases are assigned to unless a caseworker is named (INTAKE_CASEWORKER_MAILBOX). */
export function defaultCaseworker(env: NodeJS.ProcessEnv = process.env): string {
  return env.INTAKE_CASEWORKER_MAILBOX ?? 'sachbearbeitung@intake.example.org';
}
