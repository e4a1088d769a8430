import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeReadProblems } from '../../functions/domain/read-problems.ts';

describe('describeReadProblems', () => {
  it('tells the caseworker what could not be read, once each, and how many files were left out', () => {
    const told = describeReadProblems([
      'mime-error: Unexpected end of input',
      'attachment-truncated',
      'too-many-files: 23',
      'mime-error: another one',
    ]);

    assert.deepEqual(told, [
      '23 Datei(en) wurden nicht einzeln abgelegt (zu viele Dateien in einer E-Mail); sie sind nur in der Original-E-Mail.',
      'Eine Datei bricht vorzeitig ab (beschädigte E-Mail); sie ist so abgelegt, wie sie ankam.',
      'Die E-Mail ist beschädigt; abgelegt ist, was lesbar war.',
    ]);
  });

  it('says when a problem was inside a forwarded email', () => {
    assert.deepEqual(describeReadProblems(['forwarded: missing-closing-boundary']), [
      'In einer weitergeleiteten E-Mail: Die E-Mail endet unvollständig; es kann etwas fehlen, das der Absender schicken wollte.',
    ]);
  });

  it('leaves out what the caseworker sees anyway (cut names and subjects) and codes it does not know', () => {
    assert.deepEqual(describeReadProblems(['filename-truncated', 'subject-truncated', 'something-new']), []);
  });
});
