/**
 * `npm run bench` (part): what the `intake` command costs as a whole process, beside a plain Node
 * script running mailparser's simpleParser on the same email (bench/simple-parser-script.mjs),
 * both measured in this run, interleaved, so a busy machine slows both alike.
 *
 * - `intake parse FILE --json` on a tiny email: targets ≤ 1.3× the script's wall time and ≤ 1.2×
 *   its peak RSS (what start-up costs: modules loaded, TypeScript stripped);
 * - on a ~38 MB email (three 9.2 MB attachments, as bench/parse-large-email.ts): faster than the
 *   script;
 * - `intake --help` and `intake triage list` with no runtime running (fails at once with its
 *   message, before loading any AWS SDK), beside a bare `node -e 0`;
 * - when the machine's own Node is older than 24, `intake parse` started by it (bin/intake.js then
 *   re-runs itself under the project's Node 24: two processes).
 *
 * Wall time is the median of several runs; peak RSS (`/usr/bin/time`'s maximum resident set size,
 * which covers the child processes too) the median of the same runs. The compile cache lives in a
 * scratch directory: the first run fills it (printed as "first run"), the measured runs use it.
 * Exit 1 if a target is missed or intake parses the large email wrong.
 */
import { writeGeneratedEmail } from './generated-email.ts';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ratio, reportFigures, type Figure } from './figures.ts';
import { median } from './statistics.ts';

const MiB = 1024 * 1024;
const projectRoot = join(import.meta.dirname, '..');
const intakeBin = join(projectRoot, 'bin', 'intake.js');
const baselineScript = join(import.meta.dirname, 'simple-parser-script.mjs');
const TIME = '/usr/bin/time';

/** Runs per measurement; the median is reported. Few for the large email (each takes seconds). */
const SMALL_RUNS = 9;
const LARGE_RUNS = 3;

interface Run {
  readonly seconds: number;
  readonly peakRssBytes: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One whole process under /usr/bin/time: wall time from spawn to exit, and its peak RSS. */
async function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = process.hrtime.bigint();
  const child = spawn(TIME, ['-f', '%M', command, ...args], { env, cwd: projectRoot });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const errorLines = Buffer.concat(stderr).toString('utf8').trimEnd().split('\n');
  // time's own last line: the peak RSS in KiB (a line before it says "Command exited with …").
  const peakKiB = Number(errorLines.pop());
  const ownLines = errorLines.filter((line) => !line.startsWith('Command exited with non-zero status'));
  return {
    seconds,
    peakRssBytes: peakKiB * 1024,
    exitCode: code ?? 1,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: ownLines.join('\n'),
  };
}

interface Subject {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

interface Measured {
  readonly seconds: number;
  readonly peakRssBytes: number;
  readonly last: Run;
}

/** Runs each subject `runs` times, taking turns, after one unmeasured run of each. */
async function compare(subjects: readonly Subject[], runs: number): Promise<Measured[]> {
  const results = subjects.map(() => [] as Run[]);
  const env = (s: Subject): NodeJS.ProcessEnv => ({ ...process.env, ...s.env });
  for (const s of subjects) await measure(s.command, s.args, env(s));
  for (let i = 0; i < runs; i++) {
    for (const [index, s] of subjects.entries())
      results[index]!.push(await measure(s.command, s.args, env(s)));
  }
  return results.map((r) => ({
    seconds: median(r.map((x) => x.seconds)),
    peakRssBytes: median(r.map((x) => x.peakRssBytes)),
    last: r.at(-1)!,
  }));
}

/** A message with base64 attachments of the given sizes (see generated-email.ts); their hashes. */
async function writeEmail(path: string, sizes: readonly number[]): Promise<string[]> {
  return (await writeGeneratedEmail(path, sizes)).map((a) => a.sha256);
}

/** The machine's own `node` (PATH without node_modules/.bin), when it is older than 24. */
function olderMachineNode(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    return Number(version.replace(/^v/, '').split('.')[0]) < 24 ? candidate : null;
  }
  return null;
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;
const secs = (seconds: number): string => `${seconds.toFixed(2)} s`;

async function main(): Promise<number> {
  if (!existsSync(TIME)) {
    console.error(`bench/cli-startup.ts needs ${TIME} (Debian: apt-get install time) for peak RSS`);
    return 2;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'cli-startup-'));
  try {
    const tiny = join(scratch, 'tiny.eml');
    await writeFile(
      tiny,
      'From: Max Mustermann <max.mustermann@example.org>\r\nTo: intake@abh.example.de\r\n' +
        'Subject: Frage zu ABH-2026-004711\r\nDate: Mon, 09 Mar 2026 10:15:00 +0100\r\n' +
        'Message-ID: <tiny@example.org>\r\n\r\nGuten Tag, wann ist mein Termin?\r\n',
    );
    const large = join(scratch, 'large.eml');
    const expected = await writeEmail(large, [9_200_000, 9_200_000, 9_200_000]);
    const noRuntime = join(scratch, 'no-runtime');
    await mkdir(noRuntime);
    const cache = { NODE_COMPILE_CACHE: join(scratch, 'compile-cache') };
    const node = process.execPath;

    const intake = (name: string, args: string[], env: NodeJS.ProcessEnv = {}): Subject => ({
      name,
      command: node,
      args: [intakeBin, ...args],
      env: { ...cache, ...env },
    });
    const baseline = (file: string): Subject => ({
      name: 'simpleParser script',
      command: node,
      args: [baselineScript, file],
    });

    // The first run of all, into an empty compile cache: what the first command after `npm ci` costs.
    const first = await measure(node, [intakeBin, 'parse', tiny, '--json'], { ...process.env, ...cache });

    const [tinyIntake, tinyBaseline] = await compare(
      [intake('intake parse', ['parse', tiny, '--json']), baseline(tiny)],
      SMALL_RUNS,
    );
    const [largeIntake, largeBaseline] = await compare(
      [intake('intake parse', ['parse', large, '--json']), baseline(large)],
      LARGE_RUNS,
    );
    const parsed = JSON.parse(largeIntake!.last.stdout) as { attachments: { sha256: string }[] };
    const parsedRight = JSON.stringify(parsed.attachments.map((a) => a.sha256)) === JSON.stringify(expected);

    const [help, triage, bare] = await compare(
      [
        intake('intake --help', ['--help']),
        intake('intake triage list', ['triage', 'list'], { INTAKE_DATA_DIR: noRuntime }),
        { name: 'node -e 0', command: node, args: ['-e', '0'] },
      ],
      SMALL_RUNS,
    );
    const machineNode = olderMachineNode();
    const [viaOldNode] =
      machineNode === null
        ? [undefined]
        : await compare(
            [{ ...intake('', ['parse', tiny, '--json']), command: machineNode }],
            Math.ceil(SMALL_RUNS / 2),
          );

    const rows: [string, Measured, Measured | null, string][] = [
      ['intake parse, tiny email', tinyIntake!, tinyBaseline!, '≤ 1.3× time, ≤ 1.2× RSS'],
      ['intake parse, 38 MB email', largeIntake!, largeBaseline!, '< 1.0× time'],
      ['intake --help', help!, bare!, '(vs node -e 0)'],
      ['intake triage list, no runtime', triage!, bare!, '(vs node -e 0)'],
      ...(viaOldNode === undefined
        ? []
        : [
            [
              `intake parse, tiny, by Node ${spawnSync(machineNode!, ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
              viaOldNode,
              tinyBaseline!,
              '(re-runs under Node 24)',
            ] as [string, Measured, Measured, string],
          ]),
    ];
    console.log('');
    console.log(
      `intake as a whole process (median of ${SMALL_RUNS} runs, ${LARGE_RUNS} for the 38 MB email; baseline: ` +
        `simpleParser in a plain Node ${process.versions.node} script, or a bare node)`,
    );
    console.log(
      `${'command'.padEnd(34)}${'time'.padStart(9)}${'base'.padStart(9)}${'×'.padStart(7)}` +
        `${'peak RSS'.padStart(10)}${'base'.padStart(9)}${'×'.padStart(7)}   target`,
    );
    for (const [name, m, base, target] of rows) {
      console.log(
        `${name.padEnd(34)}${secs(m.seconds).padStart(9)}${base === null ? '' : secs(base.seconds).padStart(9)}` +
          `${base === null ? '' : (m.seconds / base.seconds).toFixed(2).padStart(7)}` +
          `${mib(m.peakRssBytes).padStart(10)}${base === null ? '' : mib(base.peakRssBytes).padStart(9)}` +
          `${base === null ? '' : (m.peakRssBytes / base.peakRssBytes).toFixed(2).padStart(7)}   ${target}`,
      );
    }
    console.log(
      `first intake parse after npm ci (empty compile cache): ${secs(first.seconds)}, ${mib(first.peakRssBytes)}`,
    );
    const tinyTime = tinyIntake!.seconds / tinyBaseline!.seconds;
    const tinyRss = tinyIntake!.peakRssBytes / tinyBaseline!.peakRssBytes;
    const largeTime = largeIntake!.seconds / largeBaseline!.seconds;
    const missed = [
      ...(tinyTime > 1.3 ? [`tiny email time ${tinyTime.toFixed(2)}× (target ≤ 1.3×)`] : []),
      ...(tinyRss > 1.2 ? [`tiny email peak RSS ${tinyRss.toFixed(2)}× (target ≤ 1.2×)`] : []),
      ...(largeTime >= 1 ? [`38 MB email time ${largeTime.toFixed(2)}× (target < 1.0×)`] : []),
    ];
    console.log(missed.length === 0 ? 'CLI targets: all met' : `CLI targets missed: ${missed.join('; ')}`);
    const PART = '2 CLI';
    const timeFigure = (
      figure: string,
      m: Measured,
      base: Measured,
      target: string,
      met?: boolean,
    ): Figure => ({
      part: PART,
      figure,
      value: secs(m.seconds),
      baseline: secs(base.seconds),
      ratio: ratio(m.seconds, base.seconds),
      target,
      ...(met === undefined ? {} : { met }),
    });
    reportFigures([
      timeFigure(
        'intake parse, tiny email: wall time, vs simpleParser script',
        tinyIntake!,
        tinyBaseline!,
        '≤ 1.3×',
        tinyTime <= 1.3,
      ),
      {
        part: PART,
        figure: 'intake parse, tiny email: peak RSS, vs simpleParser script',
        value: mib(tinyIntake!.peakRssBytes),
        baseline: mib(tinyBaseline!.peakRssBytes),
        ratio: ratio(tinyIntake!.peakRssBytes, tinyBaseline!.peakRssBytes),
        target: '≤ 1.2×',
        met: tinyRss <= 1.2,
      },
      timeFigure(
        'intake parse, 38 MB email: wall time, vs simpleParser script',
        largeIntake!,
        largeBaseline!,
        '< 1.0×',
        largeTime < 1,
      ),
      timeFigure('intake --help, vs node -e 0', help!, bare!, 'reported'),
      timeFigure('intake triage list, no runtime, vs node -e 0', triage!, bare!, 'reported'),
    ]);
    if (triage!.last.exitCode !== 1 || !triage!.last.stderr.includes('npm start')) {
      console.log(`intake triage list did not fail as it should: exit ${triage!.last.exitCode}`);
      return 1;
    }
    if (!parsedRight) {
      console.log('intake parse reported wrong attachment hashes for the 38 MB email');
      return 1;
    }
    return missed.length === 0 ? 0 : 1;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
