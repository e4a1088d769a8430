import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longTimers, MAX_TIMER_DELAY_MS, type Timers } from '../../local/long-timers.ts';

/** A clock that runs only when told: timers fire in order of their due time. */
function fakeClock(): Timers & { advance(ms: number): void; readonly pending: number } {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, delay) {
      assert.ok(delay <= MAX_TIMER_DELAY_MS, `a timer of ${delay} ms overflows`);
      next += 1;
      due.set(next, { at: now + delay, callback });
      return next;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (first === undefined || first[1].at > until) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].callback();
      }
      now = until;
    },
    get pending() {
      return due.size;
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('longTimers', () => {
  it('waits 60 days in steps that each fit a Node timer, and fires once, on time', () => {
    const clock = fakeClock();
    const timers = longTimers(clock);
    let fired = 0;

    timers.setTimeout(() => (fired += 1), 60 * DAY_MS);
    clock.advance(60 * DAY_MS - 1);
    assert.equal(fired, 0);
    clock.advance(1);
    assert.equal(fired, 1);
    clock.advance(365 * DAY_MS);
    assert.equal(fired, 1);
  });

  it('is cancelled as a whole, also after its first step', () => {
    const clock = fakeClock();
    const timers = longTimers(clock);
    let fired = false;

    const handle = timers.setTimeout(() => (fired = true), 90 * DAY_MS);
    clock.advance(30 * DAY_MS);
    timers.clearTimeout(handle);
    clock.advance(90 * DAY_MS);

    assert.equal(fired, false);
    assert.equal(clock.pending, 0);
  });

  it('leaves delays within the limit to the timers underneath, unchanged', () => {
    const clock = fakeClock();
    const timers = longTimers(clock);
    let fired = false;

    const handle = timers.setTimeout(() => (fired = true), 1000);
    assert.equal(typeof handle, 'number', 'the underlying handle itself');
    clock.advance(1000);
    assert.equal(fired, true);
  });
});
