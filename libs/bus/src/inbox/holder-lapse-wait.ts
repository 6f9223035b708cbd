// A copy held by another process whose liveness runs out soon waits here, unacked, and is claimed
// again right after, instead of going round the deferral tier to the back of a busy queue: the
// messages of a process killed with `kill -9` are handled again as soon as its death can be proven.
// A holder that is alive renews its liveness, so the second claim finds it done or still held.

export interface HolderLapseWaitOptions {
  /** The longest a copy waits for a holder's liveness to run out; past it the copy is deferred. */
  maxWaitMs: number;
  /** Once true, the wait ends early and the copy is deferred, so stop() is not held up. */
  stopping: () => boolean;
}

/** Slack after the holder's `aliveUntil`, so the second claim does not land a hair too early. */
const lapseMarginMs = 100;
/** How often a wait looks at `stopping`. */
const stopCheckMs = 100;

/**
 * Waits until `holderAliveUntil` (plus a margin) when that is within `maxWaitMs`. True when it waited
 * and the claim is worth trying again; false when the copy should be deferred as before.
 */
export async function waitForHolderLapse(
  holderAliveUntil: Date | undefined,
  options: HolderLapseWaitOptions,
  now: () => number = Date.now,
): Promise<boolean> {
  if (holderAliveUntil === undefined) return false;
  const until = holderAliveUntil.getTime() + lapseMarginMs;
  if (until - now() > options.maxWaitMs) return false;
  while (now() < until) {
    if (options.stopping()) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(stopCheckMs, until - now())));
  }
  return !options.stopping();
}
