/**
 * `npm run bench`: runs every part of the performance benchmark one after another (each in its
 * own process, so no part measures another's leftovers), then prints one table of every figure
 * beside the baseline measured in the same run. A part that misses a target or fails still lets
 * the others run; the exit code is non-zero when anything missed or failed.
 *
 *   npm run bench                 every part
 *   npm run bench -- parse cli    only the parts named
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_FILE_VARIABLE, type Figure } from './figures.ts';

interface Part {
  readonly name: string;
  readonly script: string;
}

const PARTS: readonly Part[] = [
  { name: 'parse', script: 'bench/parse-large-email.ts' },
  { name: 'cli', script: 'bench/cli-startup.ts' },
  { name: 'local-runtime', script: 'bench/local-runtime.ts' },
  { name: 'cold-start', script: 'bench/cold-start.ts' },
  { name: 'cost', script: 'bench/cost-per-email.ts' },
  { name: 'recognition', script: 'bench/recognise-documents.ts' },
];

function runPart(part: Part, figuresFile: string): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--openssl-legacy-provider', part.script], {
      stdio: 'inherit',
      env: { ...process.env, [FIGURES_FILE_VARIABLE]: figuresFile },
    });
    child.on('close', (code) => resolve({ code: code ?? 1, seconds: (performance.now() - started) / 1000 }));
  });
}

function readFigures(file: string): Figure[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Figure);
}

function markdownTable(figures: readonly Figure[]): string {
  const header = ['part', 'figure', 'measured', 'baseline (same run)', 'ratio', 'target', 'met'];
  const rows = figures.map((f) => [
    f.part,
    f.figure,
    f.value,
    f.baseline,
    f.ratio,
    f.target,
    f.met === undefined ? '' : f.met ? 'yes' : '**no**',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !PARTS.some((part) => part.name === name));
  if (unknown.length > 0) {
    console.error(
      `Unknown part(s): ${unknown.join(', ')}. Parts: ${PARTS.map((part) => part.name).join(', ')}`,
    );
    return 2;
  }
  const parts = wanted.length === 0 ? PARTS : PARTS.filter((part) => wanted.includes(part.name));
  const scratch = mkdtempSync(join(tmpdir(), 'intake-bench-'));
  const figuresFile = join(scratch, 'figures.jsonl');
  const failed: string[] = [];
  const timings: string[] = [];
  try {
    for (const part of parts) {
      console.log(`\n=== ${part.name} (${part.script}) ===`);
      const { code, seconds } = await runPart(part, figuresFile);
      timings.push(`${part.name} ${seconds.toFixed(0)} s`);
      if (code !== 0) failed.push(`${part.name} (exit ${code})`);
    }
    const figures = readFigures(figuresFile);
    console.log(`\n=== Every figure beside its baseline (${new Date().toISOString().slice(0, 10)}) ===\n`);
    console.log(markdownTable(figures));
    console.log(`\nTime per part: ${timings.join(', ')}.`);
    const missed = figures.filter((figure) => figure.met === false);
    if (missed.length > 0)
      console.log(
        `Targets missed: ${missed.length} of ${figures.filter((f) => f.met !== undefined).length}.`,
      );
    if (failed.length > 0) console.log(`Parts that exited non-zero: ${failed.join(', ')}.`);
    return missed.length === 0 && failed.length === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
