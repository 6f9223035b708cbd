// Poll-until with a bounded deadline, for states that announce themselves with no event.
import { setTimeout as sleep } from 'node:timers/promises';
import { WaitForTimeoutError } from './wait-for-timeout-error.ts';

export interface WaitForOptions {
  /** Named in the timeout error: "timed out after 10000 ms waiting for <what>". */
  readonly what: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

type Settled<T> = Exclude<T, false | null | undefined>;

function isSettled<T>(value: T): value is Settled<T> {
  return value !== false && value !== null && value !== undefined;
}

/**
 * Calls `check` until it returns something other than `false`, `null` or `undefined`, and
 * resolves with that value. Checks never overlap. An error thrown by `check` is not retried: it
 * rejects at once, so a broken check fails fast instead of looking like a slow one.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { what, timeoutMs = 10_000, intervalMs = 50 }: WaitForOptions,
): Promise<Settled<T>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (isSettled(value)) return value;
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new WaitForTimeoutError(what, timeoutMs);
    await sleep(Math.min(intervalMs, remaining));
  }
}
