#!/usr/bin/env node
// The `intake` command. The project runs on Node.js 24 (the `node` devDependency ships it); when
// started by an older Node (a machine's own), re-run under the project's Node 24.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const require = createRequire(import.meta.url);
  let node24;
  try {
    node24 = require.resolve('node/bin/node');
  } catch {
    console.error('intake needs Node.js 24: run `npm ci` in the project first.');
    process.exit(2);
  }
  const result = spawnSync(
    node24,
    [new URL('../cli/intake.ts', import.meta.url).pathname, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(result.status ?? 1);
} else {
  await import('../cli/intake.ts');
}
