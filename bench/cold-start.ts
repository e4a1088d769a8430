/**
 * `npm run bench` (part): every Lambda function's deployment package and cold start, beside the
 * same handler bundled without minification, both built and measured in this run.
 *
 * - The functions are the app's IntakeFunctions (found in the construct tree, as the local
 *   runtime finds them), each bundled with the construct's own options (`IntakeFunction.bundling`,
 *   see bench/lambda-bundle.ts); the baseline changes `minify` only.
 * - Zip size: the asset as deployed (index.mjs, its source map if shipped, and for `nodeModules`
 *   the installed packages with package.json and package-lock.json), zipped as the CDK CLI zips.
 *   Target < 1 MB (10^6 bytes).
 * - Cold start: a fresh `node` (the project's Node 24) per run imports the bundle and hands its
 *   handler one representative event (bench/lambda-events.ts), with the function's environment
 *   from the synthesized app plus Lambda's own variables. Import covers the module scope with its
 *   top-level awaits (the mailers read the reply-address secret from a local Secrets Manager
 *   stand-in: one loopback round trip where AWS takes a real one). The event runs until the
 *   handler returns or throws; S3, DynamoDB, SES and Step Functions point at a closed local port
 *   (no retries), so it ends at the first call to them: the event time is validation, wiring and
 *   the SDK building, signing and failing one request, not a whole invocation. Node's own start
 *   is not counted (the Lambda runtime's start, not the function's). Median of RUNS runs,
 *   deployed and baseline interleaved. Target: import < 150 ms.
 *
 *   node bench/cold-start.ts                 the table
 *   node bench/cold-start.ts --source-maps   also the package with source maps toggled, timed
 *   node bench/cold-start.ts console ...     only the functions named (handler file names)
 */
import type { CfnElement } from 'aws-cdk-lib';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { freePort } from '../local/emulators.ts';
import { LOCAL_REGION } from '../local/cloudformation.ts';
import { lambdaRuntimeEnvironment } from '../local/lambda-environment.ts';
import { LocalSecretsManager } from '../local/secrets-manager-service.ts';
import { synthesizeApp, type LocalFunction, type SynthesizedApp } from '../local/synthesized-app.ts';
import { ratio, reportFigures, type Figure } from './figures.ts';
import { median } from './statistics.ts';
import { buildBundle, bundleEntries, installedPackageEntries, type BuiltBundle } from './lambda-bundle.ts';
import { representativeEvent } from './lambda-events.ts';
import { zipArchive, type ZipEntry } from './zip-archive.ts';

const PART = '4 Cold start';
const PROJECT_ROOT = resolve(import.meta.dirname, '..');
const WORKER = join(import.meta.dirname, 'cold-start-worker.ts');
const RUNS = 5;
const ZIP_TARGET_BYTES = 1_000_000;
const IMPORT_TARGET_MS = 150;
const SOURCE_MAP_VARIANT = process.argv.includes('--source-maps');

interface AppFunction {
  readonly name: string;
  readonly local: LocalFunction;
  readonly bundling: BundlingOptions;
}

/** Every IntakeFunction of the app with its bundling options and its environment. */
async function appFunctions(synth: SynthesizedApp): Promise<AppFunction[]> {
  const [{ Stack }, { createApp }, { IntakeFunction }] = await Promise.all([
    import('aws-cdk-lib'),
    import('../lib/app.ts'),
    import('../lib/constructs/intake-function.ts'),
  ]);
  const { app } = createApp({ bundle: false });
  const functions: AppFunction[] = [];
  for (const stack of app.node.findAll().filter((c) => c instanceof Stack)) {
    for (const fn of stack.node.findAll().filter((c) => c instanceof IntakeFunction)) {
      const logicalId = stack.getLogicalId(fn.lambda.node.defaultChild as CfnElement);
      const local = synth.functions.get(logicalId);
      if (local === undefined) throw new Error(`${logicalId} is not in the synthesized app`);
      functions.push({ name: basename(fn.entry, '.ts'), local, bundling: fn.bundling });
    }
  }
  return functions;
}

interface Variant {
  readonly label: string;
  readonly bundling: BundlingOptions;
  /** NODE_OPTIONS as the function would have it with this variant. */
  readonly nodeOptions: string | undefined;
  bundle?: BuiltBundle;
  zipBytes?: number;
  readonly runs: { importMs: number; eventMs: number; outcome: string }[];
}

/** The variant with source maps toggled: the map shipped (and enabled) or not. */
function sourceMapsToggled(bundling: BundlingOptions, nodeOptions: string | undefined): Variant {
  const shipped = bundling.sourceMap !== true;
  const others = (nodeOptions ?? '').split(' ').filter((o) => o !== '' && o !== '--enable-source-maps');
  const options = [...others, ...(shipped ? ['--enable-source-maps'] : [])].join(' ');
  return {
    label: shipped ? 'with source map' : 'without source map',
    bundling: { ...bundling, sourceMap: shipped },
    nodeOptions: options === '' ? undefined : options,
    runs: [],
  };
}

function runWorker(
  bundle: string,
  eventFile: string,
  env: Record<string, string>,
): Promise<{ importMs: number; eventMs: number; outcome: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [WORKER, bundle, eventFile], {
      env,
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const result: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdio[3]!.on('data', (chunk: Buffer) => result.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = Buffer.concat(result).toString('utf8');
      if (text === '') {
        // The import itself failed: the last lines of stderr say why (no event data in them).
        const lines = Buffer.concat(stderr).toString('utf8').trimEnd().split('\n').slice(-12).join('\n');
        reject(new Error(`${bundle}: the worker exited ${code} without a result\n${lines}`));
        return;
      }
      resolvePromise(JSON.parse(text) as { importMs: number; eventMs: number; outcome: string });
    });
  });
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'intake-cold-start-'));
  const synth = await synthesizeApp();
  const secrets = new LocalSecretsManager(synth.secrets, join(scratch, 'secrets'));
  try {
    const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
    const functions = (await appFunctions(synth)).filter(
      (fn) => wanted.length === 0 || wanted.includes(fn.name),
    );
    const missing = functions.filter(
      (fn) => representativeEvent(fn.name, fn.local.environment) === undefined,
    );
    if (missing.length > 0) {
      throw new Error(`bench/lambda-events.ts has no event for ${missing.map((fn) => fn.name).join(', ')}`);
    }
    const secretsPort = await secrets.listen(0);
    // Nothing listens here: a call to S3, DynamoDB, SES or Step Functions is refused at once.
    const deadEndpoint = `http://127.0.0.1:${await freePort()}`;

    // Build every variant (esbuild is fast; the packages of `nodeModules` are compressed once).
    const measured = [];
    for (const fn of functions) {
      const nodeOptions = fn.local.environment.NODE_OPTIONS;
      const variants: Variant[] = [
        { label: 'deployed', bundling: fn.bundling, nodeOptions, runs: [] },
        { label: 'unminified', bundling: { ...fn.bundling, minify: false }, nodeOptions, runs: [] },
        ...(SOURCE_MAP_VARIANT ? [sourceMapsToggled(fn.bundling, nodeOptions)] : []),
      ];
      const installed: ZipEntry[] =
        fn.bundling.nodeModules === undefined
          ? []
          : installedPackageEntries(PROJECT_ROOT, fn.bundling.nodeModules);
      for (const [index, variant] of variants.entries()) {
        const outdir = join(scratch, fn.name, String(index));
        mkdirSync(outdir, { recursive: true });
        variant.bundle = await buildBundle(variant.bundling, fn.local.entry, outdir);
        variant.zipBytes = zipArchive([...bundleEntries(variant.bundle), ...installed]).length;
        // The installed packages, where the bundle's imports of them resolve (same files as shipped).
        if (installed.length > 0)
          symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(outdir, 'node_modules'));
      }
      const eventFile = join(scratch, `${fn.name}.event.json`);
      writeFileSync(eventFile, JSON.stringify(representativeEvent(fn.name, fn.local.environment)));
      measured.push({ fn, variants, eventFile });
    }

    // Interleaved: each round runs every function's every variant once, so a busy moment on the
    // machine slows deployed and baseline alike.
    for (let run = 0; run < RUNS; run++) {
      for (const { fn, variants, eventFile } of measured) {
        for (const variant of variants) {
          const env: Record<string, string> = {
            ...lambdaRuntimeEnvironment(fn.local, LOCAL_REGION, {
              accessKeyId: 'bench',
              secretAccessKey: 'bench',
            }),
            AWS_ENDPOINT_URL: deadEndpoint,
            AWS_ENDPOINT_URL_S3: deadEndpoint,
            AWS_ENDPOINT_URL_DYNAMODB: deadEndpoint,
            AWS_ENDPOINT_URL_SESV2: deadEndpoint,
            AWS_ENDPOINT_URL_SFN: deadEndpoint,
            AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${secretsPort}`,
            AWS_MAX_ATTEMPTS: '1',
            ...fn.local.environment,
          };
          delete env.NODE_OPTIONS;
          if (variant.nodeOptions !== undefined) env.NODE_OPTIONS = variant.nodeOptions;
          variant.runs.push(await runWorker(variant.bundle!.file, eventFile, env));
        }
      }
    }

    const figures: Figure[] = [];
    console.log(`Cold start per function (median of ${RUNS} fresh processes; ${process.version})\n`);
    for (const { fn, variants } of measured) {
      const [deployed, unminified] = variants as [Variant, Variant, ...Variant[]];
      const importMs = (v: Variant): number => median(v.runs.map((r) => r.importMs));
      const eventMs = (v: Variant): number => median(v.runs.map((r) => r.eventMs));
      for (const v of variants) {
        const outcomes = [...new Set(v.runs.map((r) => r.outcome))].join(', ');
        console.log(
          `${fn.name.padEnd(28)} ${v.label.padEnd(18)} zip ${megabytes(v.zipBytes!).padStart(9)}  ` +
            `import ${ms(importMs(v)).padStart(7)}  first event ${ms(eventMs(v)).padStart(7)}  (${outcomes})`,
        );
      }
      figures.push(
        {
          part: PART,
          figure: `${fn.name}: zipped package`,
          value: megabytes(deployed.zipBytes!),
          baseline: `${megabytes(unminified.zipBytes!)} unminified`,
          ratio: ratio(deployed.zipBytes!, unminified.zipBytes!),
          target: '< 1 MB',
          met: deployed.zipBytes! < ZIP_TARGET_BYTES,
        },
        {
          part: PART,
          figure: `${fn.name}: import (+ first event)`,
          value: `${ms(importMs(deployed))} (+ ${ms(eventMs(deployed))})`,
          baseline: `${ms(importMs(unminified))} (+ ${ms(eventMs(unminified))}) unminified`,
          ratio: ratio(importMs(deployed), importMs(unminified)),
          target: `import < ${IMPORT_TARGET_MS} ms`,
          met: importMs(deployed) < IMPORT_TARGET_MS,
        },
      );
    }
    reportFigures(figures);
    const missed = figures.filter((figure) => figure.met === false);
    console.log(
      missed.length === 0
        ? '\nEvery target met.'
        : `\nMissed: ${missed.map((figure) => `${figure.figure} ${figure.value}`).join('; ')}`,
    );
    return missed.length === 0 ? 0 : 1;
  } finally {
    await secrets.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
