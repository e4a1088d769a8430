import { userInfo } from 'node:os';
import type { CaseTombstone, ErasedCounts } from '../functions/domain/erasure.ts';
import { caseUseCases } from './case-commands.ts';
import type { Target } from './target.ts';

/** Asks the person at the terminal; resolves to what they typed. */
export type Ask = (question: string) => Promise<string>;

const KINDS: readonly [keyof ErasedCounts, string][] = [
  ['contacts', 'contact address(es)'],
  ['documents', 'document record(s)'],
  ['documentFiles', 'document file(s)'],
  ['sharedDocumentFilesKept', 'file(s) kept: another case holds the same document'],
  ['rawEmails', 'raw received email(s)'],
  ['outboxCopies', 'copy(ies) of sent email(s)'],
  ['logEntries', 'message log entry(ies)'],
  ['triageEntries', 'triage entry(ies)'],
  ['rateLimitRecords', 'rate-limit record(s)'],
  ['otherRecords', 'other record(s)'],
];

/** What a tombstone says, line by line (no personal data is in it). */
export function tombstoneLines(tombstone: CaseTombstone): string[] {
  return [
    `Case ${tombstone.reference} was erased on request at ${tombstone.erasedAt} by ${tombstone.erasedBy}.`,
    ...KINDS.map(([kind, label]) => `  ${String(tombstone.erased[kind]).padStart(4)}  ${label}`),
  ];
}

/**
 * `intake case erase REF [--yes] [--caseworker WHO]`: erases the case after the person confirms by
 * typing the reference again (or with `--yes`), then prints what was erased.
 */
export async function caseEraseCommand(
  target: Target,
  reference: string,
  options: { yes: boolean; caseworker: string | undefined; ask: Ask | null },
  out: (line: string) => void,
): Promise<number> {
  const { eraseCase, showCase } = caseUseCases(target);
  const erase = eraseCase();
  const earlier = await erase.tombstone(reference);
  if (earlier !== null) {
    for (const line of tombstoneLines(earlier)) out(line);
    return 0;
  }
  const view = await showCase.run(reference);
  if (view === null) {
    out(`No case ${reference}`);
    return 1;
  }
  if (!options.yes) {
    if (options.ask === null) {
      out(`intake case erase: confirm with --yes (nothing was erased; no terminal to ask on)`);
      return 2;
    }
    out(
      `This erases case ${reference} for good: ${view.documents.length} document(s), ${view.log.length} message(s), its raw emails, sent copies and triage entries.`,
    );
    const answer = await options.ask(`Type the case reference to confirm: `);
    if (answer.trim().toUpperCase() !== reference) {
      out('Not confirmed; nothing was erased.');
      return 1;
    }
  }
  const erasedBy = options.caseworker ?? `cli:${userInfo().username}`;
  const result = await erase.run(reference, erasedBy);
  if (result === null) {
    out(`No case ${reference}`);
    return 1;
  }
  for (const line of tombstoneLines(result.tombstone)) out(line);
  return 0;
}
