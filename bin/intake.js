#!/usr/bin/env node
// The `intake` command. The project runs on Node.js 24 (the `node` devDependency ships it); when
// started by an older Node (a machine's own), re-run under the project's Node 24.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const require = module.createRequire(import.meta.url);
  let node24;
  try {
    node24 = require.resolve('node/bin/node');
  } catch {
    console.error('intake needs Node.js 24: run `npm ci` in the project first.');
    process.exit(2);
  }
  // This file again (not cli/intake.ts directly), so that Node 24 caches the compiled code too.
  const result = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
} else {
  // Node keeps the compiled code of every module, the TypeScript ones after their types are
  // stripped, in a cache (in the OS temp dir; NODE_COMPILE_CACHE elsewhere, NODE_DISABLE_COMPILE_CACHE
  // off). Without it each command first loads the type stripper and compiles ~200 modules again:
  // about 30 MiB and a third of the start-up time of `intake parse` (bench/cli-startup.ts).
  module.enableCompileCache();
  await import('../cli/intake.ts');
}
