import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executionName, retryExecutionName } from '../../functions/adapters/step-functions-execution.ts';

describe('execution names', () => {
  it('names a retry after the message and the attempt', () => {
    assert.equal(retryExecutionName('0100018c1f3b9c6e-3f5a', 1), '0100018c1f3b9c6e-3f5a-retry-1');
    assert.equal(retryExecutionName('abc', 12), 'abc-retry-12');
  });

  it('keeps the attempt whole within 80 characters, so retries of a long id never share a name', () => {
    const id = 'x'.repeat(80);
    assert.equal(executionName(id).length, 80);
    const names = [1, 2, 10].map((attempt) => retryExecutionName(id, attempt));
    for (const name of names) assert.ok(name.length <= 80, name);
    assert.deepEqual(
      names.map((n) => n.slice(n.indexOf('-retry-'))),
      ['-retry-1', '-retry-2', '-retry-10'],
    );
    assert.equal(new Set([...names, executionName(id)]).size, 4);
  });

  it('refuses an attempt that is not a positive whole number', () => {
    assert.throws(() => retryExecutionName('abc', 0), RangeError);
    assert.throws(() => retryExecutionName('abc', 1.5), RangeError);
  });
});
