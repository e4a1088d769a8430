import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_KEY_BYTES } from '../../functions/console/session.ts';
import { sessionKeyFromSecret } from '../../functions/shared/session-key-secret.ts';

describe('the console session key from its secret', () => {
  it('is 32 bytes, the same for the same secret and different for another', () => {
    const secret = 'A'.repeat(24) + 'b'.repeat(24);
    const key = sessionKeyFromSecret(secret);
    assert.equal(key.length, SESSION_KEY_BYTES);
    assert.deepEqual(sessionKeyFromSecret(secret), key);
    assert.notDeepEqual(sessionKeyFromSecret(`${secret.slice(1)}c`), key);
  });

  it('refuses a secret too short to hold a 256-bit key, or one that is not text', () => {
    assert.throws(() => sessionKeyFromSecret('short-secret'), /at least 44 characters/);
    assert.throws(() => sessionKeyFromSecret(new Uint8Array(48)), /must be a string/);
  });
});
