/**
 * The rows every part of `npm run bench` reports, so that `bench/run.ts` can print them as one
 * table, each figure beside the baseline measured in the same run.
 *
 * A part run alone prints its own detail as it always did; when `npm run bench` runs it, the
 * environment names a file (INTAKE_BENCH_FIGURES) and the part appends its rows there as JSON
 * lines. A part that crashes leaves no rows, and the table says so instead of inventing them.
 */
import { appendFileSync } from 'node:fs';

export interface Figure {
  /** The part, e.g. "1 Parse and store". */
  readonly part: string;
  /** What was measured, e.g. "parse only, 38 MB: throughput". */
  readonly figure: string;
  /** The measured value with its unit, e.g. "72.0 MB/s". */
  readonly value: string;
  /** The baseline measured in the same run, with its unit; "–" where there is none. */
  readonly baseline: string;
  /** The comparison the target is stated in, e.g. "0.93×"; "–" where it is absolute. */
  readonly ratio: string;
  /** The target as the issue states it, e.g. "≥ 1.5×". */
  readonly target: string;
  /** Whether the target is met; undefined for a figure reported without a target. */
  readonly met?: boolean;
}

export const FIGURES_FILE_VARIABLE = 'INTAKE_BENCH_FIGURES';

/** Records the rows for the combined table (when `npm run bench` asked for them). */
export function reportFigures(figures: readonly Figure[]): void {
  const file = process.env[FIGURES_FILE_VARIABLE];
  if (file === undefined || file === '') return;
  appendFileSync(file, figures.map((figure) => `${JSON.stringify(figure)}\n`).join(''));
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}
