import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { emailExamples, EXAMPLES_FILE } from '../../scripts/email-examples.ts';
import { GERMAN } from '../../functions/domain/templates/languages.ts';

describe('docs/emails.md (the README’s example of every email)', () => {
  it('shows every kind of email, as the templates render it today (npm run email-examples writes it)', async () => {
    const written = await readFile(EXAMPLES_FILE, 'utf8');
    for (const kind of Object.keys(GERMAN.messages)) assert.ok(written.includes(`## \`${kind}\``), kind);
    assert.equal(written, emailExamples(), 'docs/emails.md is out of date: run npm run email-examples');
  });
});
