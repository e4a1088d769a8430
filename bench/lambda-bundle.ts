/**
 * A function's deployment package as the CDK builds it, from the construct's own bundling options
 * (`IntakeFunction.bundling`): the esbuild call NodejsFunction makes (aws-lambda-nodejs
 * bundling.ts, `buildEsbuildArgs`), and the files the asset directory holds, zipped as the CDK
 * CLI zips it. Building through the esbuild API instead of a bundled `cdk synth` takes seconds,
 * not minutes; test/infra/bundling.test.ts checks the construct's real assets.
 */
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { zipEntry, type ZipEntry } from './zip-archive.ts';

/** The options this module translates; any other set on the construct fails the benchmark. */
const TRANSLATED = new Set([
  'format',
  'target',
  'sourceMap',
  'minify',
  'mainFields',
  'banner',
  'externalModules',
  'nodeModules',
  'logLevel',
]);

/** The esbuild options NodejsFunction derives from `bundling` for `entry` (CLI flags as API options). */
export function esbuildOptions(bundling: BundlingOptions, entry: string, outdir: string): BuildOptions {
  const untranslated = Object.entries(bundling)
    .filter(([key, value]) => value !== undefined && !TRANSLATED.has(key))
    .map(([key]) => key);
  if (untranslated.length > 0 || bundling.externalModules === undefined) {
    // Defaults that depend on feature flags (the SDK externals) or options not mapped here would
    // make the benchmark measure another bundle than the one deployed.
    throw new Error(
      `bench/lambda-bundle.ts: translate ${untranslated.join(', ') || 'the default externalModules'} first`,
    );
  }
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: bundling.target,
    format: bundling.format,
    outfile: join(outdir, bundling.format === 'esm' ? 'index.mjs' : 'index.js'),
    minify: bundling.minify ?? false,
    // `--sourcemap` without a mode: a linked index.mjs.map beside the bundle, sources included.
    sourcemap: bundling.sourceMap === true,
    external: [...bundling.externalModules, ...(bundling.nodeModules ?? [])],
    ...(bundling.mainFields === undefined ? {} : { mainFields: bundling.mainFields }),
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
    logLevel: bundling.logLevel ?? 'warning',
    metafile: true,
  };
}

export interface BuiltBundle {
  /** Absolute path of index.mjs. */
  readonly file: string;
  readonly metafile: Metafile;
}

export async function buildBundle(
  bundling: BundlingOptions,
  entry: string,
  outdir: string,
): Promise<BuiltBundle> {
  const options = esbuildOptions(bundling, entry, outdir);
  const result = await build(options);
  return { file: options.outfile!, metafile: result.metafile! };
}

/** The bundle's files in the zip: index.mjs, and its source map when the construct ships one. */
export function bundleEntries(bundle: BuiltBundle): ZipEntry[] {
  const entries = [zipEntry('index.mjs', readFileSync(bundle.file))];
  if (existsSync(`${bundle.file}.map`))
    entries.push(zipEntry('index.mjs.map', readFileSync(`${bundle.file}.map`)));
  return entries;
}

interface LockPackage {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/**
 * What `npm ci` installs beside the bundle for `nodeModules`: the packages' closure in
 * package-lock.json, where an optional dependency counts only if installed here (the platform
 * binary of @napi-rs/canvas for this machine, as on the build machines).
 */
export function nodeModulesClosure(projectRoot: string, names: readonly string[]): string[] {
  const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const found = new Set<string>();
  const resolveFrom = (from: string, name: string): string | undefined => {
    // Node's lookup: the nearest node_modules/<name> from the requiring package upwards.
    for (let base = from; ; base = dirname(dirname(base))) {
      const candidate = base === '' || base === '.' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
      if (lock.packages[candidate] !== undefined) return candidate;
      if (base === '' || base === '.') return undefined;
    }
  };
  const visit = (path: string): void => {
    if (found.has(path) || !existsSync(join(projectRoot, path))) return;
    found.add(path);
    const pkg = lock.packages[path]!;
    const dependencies = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
    for (const name of Object.keys(dependencies)) {
      const resolved = resolveFrom(path, name);
      if (resolved !== undefined) visit(resolved);
    }
  };
  for (const name of names) {
    const path = resolveFrom('', name);
    if (path === undefined) throw new Error(`${name} is not in package-lock.json`);
    visit(path);
  }
  return [...found].sort();
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() || (entry.isSymbolicLink() && statSync(join(entry.parentPath, entry.name)).isFile()),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The zip entries of the installed packages plus the package.json and package-lock.json the CDK
 * writes beside them: the same for the minified and the unminified bundle, so compressed once.
 */
export function installedPackageEntries(projectRoot: string, names: readonly string[]): ZipEntry[] {
  const projectPackage = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    names.map((name) => [
      name,
      projectPackage.dependencies?.[name] ?? projectPackage.devDependencies?.[name],
    ]),
  );
  const entries = [
    zipEntry('package.json', Buffer.from(JSON.stringify({ dependencies }))),
    zipEntry('package-lock.json', readFileSync(join(projectRoot, 'package-lock.json'))),
  ];
  const nested = (path: string, other: string): boolean => other !== path && other.startsWith(`${path}/`);
  const packages = nodeModulesClosure(projectRoot, names);
  for (const path of packages) {
    for (const file of filesUnder(join(projectRoot, path))) {
      const name = relative(projectRoot, file);
      // A nested node_modules is zipped as its own package (if it is in the closure at all).
      if (packages.some((other) => nested(path, other) && name.startsWith(`${other}/`))) continue;
      if (name.slice(path.length).includes('/node_modules/')) continue;
      entries.push(zipEntry(name, readFileSync(file)));
    }
  }
  return entries;
}
