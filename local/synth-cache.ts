import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The synthesized templates on disk, keyed by everything the synth reads, so the end-to-end
 * tests (each a process that starts the local runtime) and `npm start` pay for importing
 * aws-cdk-lib and synthesizing the app once per change instead of once per process (2–5 s each
 * on 2 cores). Correct before fast: the key hashes every file under lib/ and functions/ (lib/
 * imports from functions/, and a handler's path is part of what is cached), cdk.json (context),
 * package-lock.json (the CDK's and cdk-nag's versions), this file's consumer, and every CDK_*
 * environment variable the App reads. `INTAKE_SYNTH_CACHE=off` synthesizes every time.
 */

const PROJECT_ROOT = resolve(import.meta.dirname, '..');
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'intake-synth');
/** Kept while a cached entry is read or written; older ones are removed on the next write. */
const KEEP_ENTRIES = 8;

const HASHED_DIRECTORIES = ['lib', 'functions'];
const HASHED_FILES = [
  'cdk.json',
  'package.json',
  'package-lock.json',
  'local/synthesized-app.ts',
  'local/synth-cache.ts',
  'local/synthesize-templates.ts',
];

/** What synthesizeApp needs from a synth: every stack's template and each function's handler. */
export interface CachedSynth {
  readonly templates: unknown[];
  /** Lambda logical id → absolute path of its handler file. */
  readonly entries: [string, string][];
}

function filesUnder(directory: string): string[] {
  const entries = readdirSync(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The hash of every input of the synth (see above). */
export function synthInputsHash(): string {
  const hash = createHash('sha256');
  hash.update(`${PROJECT_ROOT}\0`);
  const files = [
    ...HASHED_DIRECTORIES.flatMap((d) => filesUnder(join(PROJECT_ROOT, d))),
    ...HASHED_FILES.map((f) => join(PROJECT_ROOT, f)),
  ];
  for (const file of files) {
    hash.update(`${relative(PROJECT_ROOT, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  const cdkEnvironment = Object.entries(process.env)
    .filter(([name]) => name.startsWith('CDK_'))
    .sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify(cdkEnvironment));
  return hash.digest('hex').slice(0, 32);
}

function cacheEnabled(): boolean {
  return process.env.INTAKE_SYNTH_CACHE !== 'off';
}

/** The cached synth for these inputs, or undefined. */
export function readCachedSynth(key: string): CachedSynth | undefined {
  if (!cacheEnabled()) return undefined;
  try {
    return JSON.parse(readFileSync(join(CACHE_DIR, `${key}.json`), 'utf8')) as CachedSynth;
  } catch {
    return undefined;
  }
}

/**
 * Stores a synth; written to a temporary file and renamed, so a process reading at the same
 * moment sees the whole entry or none. Failing to write only costs the next process a synth.
 */
export function writeCachedSynth(key: string, synth: CachedSynth): void {
  if (!cacheEnabled()) return;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = join(CACHE_DIR, `${key}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(synth));
    renameSync(temporary, join(CACHE_DIR, `${key}.json`));
    const stale = readdirSync(CACHE_DIR, { withFileTypes: true })
      .filter((e) => e.name.endsWith('.json') && e.name !== `${key}.json`)
      .map((e) => ({ path: join(CACHE_DIR, e.name), name: e.name }));
    if (stale.length >= KEEP_ENTRIES) {
      for (const { path } of stale) rmSync(path, { force: true });
    }
  } catch {
    // A read-only node_modules, a full disk: the next process synthesizes again.
  }
}
