// One linter for the whole repository. Type-aware rules stay off to keep `npm run lint` fast;
// `tsc` (first step of `npm run lint`) is the type check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * `import { z } from 'zod'` bundles all of zod (its locales too, ~450 KB minified) into every
 * Lambda; the namespace import lets esbuild keep only what is used (~85 KB): bench/cold-start.ts.
 */
const zodNamespaceImport = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "Use `import * as z from 'zod'`: the named `z` defeats tree-shaking in the Lambda bundles.",
};

/** Imports that must never appear in domain or use-case code: the hexagon's inner rings. */
const infrastructureImports = {
  patterns: [
    {
      group: ['@aws-sdk/*', 'aws-sdk', 'aws-cdk-lib', 'aws-cdk-lib/*'],
      message: 'Domain code has no AWS imports.',
    },
    {
      group: ['**/adapters/**', '**/handlers/**', '**/shared/clients*'],
      message: 'Domain depends on ports, not adapters.',
    },
    {
      group: ['mailparser', 'nodemailer', '@middy/*', '@aws-lambda-powertools/*'],
      message: 'Keep libraries behind ports.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      'no-restricted-syntax': ['error', zodNamespaceImport],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'it', property: 'skip', message: 'No skipped tests.' },
        { object: 'it', property: 'todo', message: 'No todo tests.' },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'skip', message: 'No skipped tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'skip', message: 'No skipped tests.' },
      ],
    },
  },
  {
    files: ['functions/domain/**/*.ts', 'functions/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', infrastructureImports],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Domain code does not read the environment.' },
      ],
    },
  },
);
