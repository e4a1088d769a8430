/**
 * Node's timers hold at most 2^31-1 ms (~24.8 days); a longer delay fires at once. Step Functions
 * waits for months (the reminder the day before an invitation in spring, a year-long execution
 * timeout), and the local runner (aws-local-stepfunctions) waits with the global setTimeout. So,
 * in the local runtime only, a longer delay is kept as a chain of timers, each within the limit.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface Timers {
  setTimeout(callback: () => void, delay: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A timer beyond the limit: one step at a time, cancelled or (un)referenced as a whole. */
class ChainedTimeout {
  readonly #timers: Timers;
  #current: unknown;
  #referenced = true;

  constructor(timers: Timers, callback: () => void, delay: number) {
    this.#timers = timers;
    const step = (remaining: number): void => {
      const now = Math.min(remaining, MAX_TIMER_DELAY_MS);
      this.#current = timers.setTimeout(() => {
        if (remaining > now) step(remaining - now);
        else callback();
      }, now);
      if (!this.#referenced) (this.#current as { unref?: () => void }).unref?.();
    };
    step(delay);
  }

  cancel(): void {
    this.#timers.clearTimeout(this.#current);
  }

  ref(): this {
    this.#referenced = true;
    (this.#current as { ref?: () => void }).ref?.();
    return this;
  }

  unref(): this {
    this.#referenced = false;
    (this.#current as { unref?: () => void }).unref?.();
    return this;
  }

  hasRef(): boolean {
    return this.#referenced;
  }
}

/** setTimeout and clearTimeout over `timers` that wait as long as asked. */
export function longTimers(timers: Timers): Timers {
  return {
    setTimeout: (callback, delay) =>
      delay > MAX_TIMER_DELAY_MS
        ? new ChainedTimeout(timers, callback, delay)
        : timers.setTimeout(callback, delay),
    clearTimeout: (handle) => {
      if (handle instanceof ChainedTimeout) handle.cancel();
      else timers.clearTimeout(handle);
    },
  };
}

let installed = false;

/**
 * Makes the process's global setTimeout/clearTimeout wait as long as asked. Delays within the
 * limit (all but the longest waits) still get Node's own timers, unchanged.
 */
export function installLongTimers(): void {
  if (installed) return;
  installed = true;
  const native = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const long = longTimers({
    setTimeout: (callback, delay) => native.setTimeout(callback, delay),
    clearTimeout: (handle) => native.clearTimeout(handle as NodeJS.Timeout),
  });
  const patched = (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]): unknown =>
    typeof delay === 'number' && delay > MAX_TIMER_DELAY_MS
      ? long.setTimeout(() => callback(...args), delay)
      : native.setTimeout(callback, delay, ...args);
  globalThis.setTimeout = Object.assign(patched, native.setTimeout) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((handle: unknown) => long.clearTimeout(handle)) as typeof clearTimeout;
}
