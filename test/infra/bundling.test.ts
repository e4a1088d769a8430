import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createApp } from '../../lib/app.ts';
import { withTemplateValidation } from './synthesized-app.ts';

const outdir = mkdtempSync(join(tmpdir(), 'intake-bundle-'));
after(() => rmSync(outdir, { recursive: true, force: true }));

// One bundled synth for the whole file: esbuild runs once per handler, offline, no Docker.
const { app, stateless } = createApp({ bundle: true, outdir });
const assembly = withTemplateValidation(false, () => app.synth());
const template = assembly.getStackByName(stateless.stackName).template as {
  Resources: Record<string, { Properties: { Code?: { S3Key: string } } }>;
};
/** The asset directory (`asset.<hash>`, zipped on deploy) holding a handler's bundle. */
const bundleDirectoryOf = (handler: string): string => {
  const logicalId = stateless.getLogicalId(stateless.functions[handler]!.lambda.node.defaultChild as never);
  const s3Key = template.Resources[logicalId]!.Properties.Code!.S3Key;
  return join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
};

describe('Handler bundling', () => {
  it('bundles every handler into an ESM index.mjs with the require shim and no source map', () => {
    for (const handler of Object.keys(stateless.functions)) {
      const bundle = join(bundleDirectoryOf(handler), 'index.mjs');
      assert.ok(existsSync(bundle), `${handler}: ${bundle} exists`);
      // Not shipped: it tripled the zip and slowed every cold start (bench/cold-start.ts).
      assert.ok(!existsSync(`${bundle}.map`), `${handler}: no source map`);
      // CommonJS dependencies (mailparser) call require(), which ESM lacks.
      assert.match(readFileSync(bundle, 'utf8').slice(0, 300), /createRequire/, handler);
    }
  });

  it('produces a ParseEmail bundle that loads in Node.js 24 and exports the handler', () => {
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('./index.mjs'); console.log(typeof m.handler);"],
      {
        cwd: bundleDirectoryOf('parse-email'),
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          INBOUND_BUCKET: 'in',
          DOCUMENT_BUCKET: 'docs',
        },
        encoding: 'utf8',
      },
    );
    assert.equal(output.trim(), 'function');
  });

  it('ships the console with htmx beside its bundle, where the function reads it at run time', () => {
    // functions/console/assets.ts resolves htmx.org/dist/htmx.min.js from the bundle's own
    // directory; without the package there the deployed console failed its first request.
    const resolved = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createRequire } from 'node:module'; console.log(createRequire(process.cwd() + '/index.mjs').resolve('htmx.org/dist/htmx.min.js'));",
      ],
      { cwd: bundleDirectoryOf('console'), encoding: 'utf8' },
    );
    assert.ok(resolved.trim().startsWith(bundleDirectoryOf('console')), resolved);
  });

  it('ships RecognizeDocuments with tesseract.js, its German and English models and the canvas binary, and the bundle loads', () => {
    const directory = bundleDirectoryOf('recognize-documents');
    for (const file of [
      'node_modules/tesseract.js/package.json',
      'node_modules/@tesseract.js-data/deu/4.0.0_best_int/deu.traineddata.gz',
      'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
      'node_modules/@napi-rs/canvas/package.json',
    ]) {
      assert.ok(existsSync(join(directory, file)), file);
    }
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('./index.mjs'); console.log(typeof m.handler);"],
      {
        cwd: directory,
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', TABLE_NAME: 't', DOCUMENT_BUCKET: 'docs' },
        encoding: 'utf8',
      },
    );
    assert.equal(output.trim(), 'function');
  });
});
