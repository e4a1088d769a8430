import { enableCompileCache } from 'node:module';
import { join } from 'node:path';

/**
 * V8's compiled code for every module a thread loads, kept on disk (Node's module compile cache,
 * which also keeps TypeScript with its types stripped), next to the synth cache. `npm start` loads
 * every handler in a worker of its own, each loading the AWS SDK and the rest again: with the
 * cache, loading them all costs about a third less CPU. Node checks each entry against the
 * file's contents, so an edited file is compiled afresh. `INTAKE_COMPILE_CACHE=off` turns it off.
 * Call it before the imports it should cover (static imports load before a module's body runs).
 */
const CACHE_DIR = join(import.meta.dirname, '..', 'node_modules', '.cache', 'intake-compile');

export function useCompileCache(): void {
  if (process.env.INTAKE_COMPILE_CACHE === 'off') return;
  enableCompileCache(CACHE_DIR);
}
