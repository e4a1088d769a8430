/**
 * A node:test reporter that `npm test` runs beside the usual one: at the end it prints the ten
 * test files that took longest, so that the suite's time (issue 13: at most 3 minutes on two
 * cores) has names next to it. A file's time is its own process's wall time, as the runner
 * reports it when the file completes (set-up and teardown included).
 */
import { relative } from 'node:path';

interface TestEvent {
  readonly type: string;
  readonly data: {
    readonly file?: string;
    readonly name?: string;
    readonly nesting?: number;
    readonly details?: { readonly duration_ms?: number; readonly error?: unknown };
  };
}

const SHOWN = 10;

export default async function* slowestFiles(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const files: { file: string; seconds: number; failed: boolean }[] = [];
  const started = performance.now();
  for await (const { type, data } of source) {
    if (type !== 'test:complete' || data.nesting !== 0 || data.file === undefined) continue;
    const file = relative(process.cwd(), data.file);
    // The file itself completes as a test named by its path; its tests complete under their names.
    if (data.name !== file) continue;
    files.push({
      file,
      seconds: (data.details?.duration_ms ?? 0) / 1000,
      failed: data.details?.error !== undefined,
    });
  }
  const total = (performance.now() - started) / 1000;
  const slowest = files.sort((a, b) => b.seconds - a.seconds).slice(0, SHOWN);
  yield `\nSlowest ${slowest.length} of ${files.length} test files (the suite took ${total.toFixed(0)} s):\n`;
  for (const { file, seconds, failed } of slowest) {
    yield `  ${seconds.toFixed(1).padStart(6)} s  ${file}${failed ? '  (failed)' : ''}\n`;
  }
}
