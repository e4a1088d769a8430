import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeApp } from './synthesized-app.ts';
import { formatReport, parseUsage, unusedGrants } from './iam-usage.ts';

/**
 * `npm run iam-report`: runs the end-to-end suite (and the SES feedback test) with the local IAM check recording every
 * allowed (function, action), then lists per function the granted actions it never used.
 * Exits 1 when a grant is unused and unexplained (see local/iam-usage.ts), so it can gate CI.
 *
 *   npm run iam-report                       run test/e2e, then report
 *   npm run iam-report -- --usage FILE       report on a recording made earlier
 *                                            (INTAKE_IAM_USAGE_FILE=FILE npm test)
 */
const { values } = parseArgs({ options: { usage: { type: 'string' } } });

let usageFile = values.usage === undefined ? undefined : resolve(values.usage);
let scratch: string | undefined;
if (usageFile === undefined) {
  scratch = mkdtempSync(join(tmpdir(), 'iam-usage-'));
  usageFile = join(scratch, 'usage.jsonl');
  writeFileSync(usageFile, '');
  const root = resolve(import.meta.dirname, '..');
  // The e2e suite, and the SES feedback test: the one integration test that drives a function
  // (SesSendingEvents) through the local runtime.
  const tests = ['test/e2e/*.test.ts', 'test/integration/ses-sending-events.test.ts'];
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...tests], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: '--openssl-legacy-provider',
      INTAKE_IAM_USAGE_FILE: usageFile,
    },
  });
  if (run.status !== 0) {
    console.error('The end-to-end suite failed; a report on a partial run would mislead.');
    process.exit(run.status ?? 1);
  }
}

const usage = parseUsage(readFileSync(usageFile, 'utf8'));
const app = await synthesizeApp();
const reports = unusedGrants(
  [...app.functions.values()].map((f) => f.iam),
  usage,
);
console.log(formatReport(reports, usage));
if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
process.exitCode = reports.some((r) => r.unused.length > 0) ? 1 : 0;
