// Time to recover from one fault: from the moment it ended (the process was killed, the broker or the
// database came back) until every process answers /readyz and every order placed before that moment
// has reached its end (its last e-mail arrived). Each fault is timed by its own bounded watcher.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStack } from './fault-stack.ts';
import type { MailBook } from './mail-book.ts';
import { isSettled, type PlacedOrder } from './order-load.ts';

export interface RecoveryClock {
  /** Starts timing the recovery from a fault that ends now. */
  faultEnded(): void;
  /** Milliseconds per fault, in order; undefined where the system had not recovered by the timeout. */
  results(): Promise<Array<number | undefined>>;
}

const pollMs = 500;

export function recoveryClock(
  faults: FaultStack,
  book: MailBook,
  placed: readonly PlacedOrder[],
  timeoutMs = 180_000,
): RecoveryClock {
  const watchers: Array<Promise<number | undefined>> = [];
  const watch = async (): Promise<number | undefined> => {
    const endedAt = performance.now();
    const pending = placed.filter((order) => !isSettled(book, order.spec));
    while (performance.now() - endedAt < timeoutMs) {
      const settled = pending.every((order) => isSettled(book, order.spec));
      if (settled && (await faults.notReady()).length === 0) return performance.now() - endedAt;
      await sleep(pollMs);
    }
    return undefined;
  };
  return {
    faultEnded() {
      watchers.push(watch());
    },
    results: () => Promise.all(watchers),
  };
}
