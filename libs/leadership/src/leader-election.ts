// Keeps one leader among the contenders for a KvLease: followers poll tryAcquire, the leader
// renews, and the application hears about each change of role. Demotion is announced as soon as
// the validity runs out, even if a renewal is still hanging.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { LeaseConfigError } from './errors/lease-config-error.ts';
import type { KvLease } from './kv-lease.ts';

export type DemotionReason =
  /** Another holder wrote the key: our revision no longer fences anything. */
  | 'lost'
  /** Renewals failed (NATS unreachable) until the validity ran out. */
  | 'expired'
  /** stop() was called. */
  | 'stopped';

export interface LeaderElectionOptions {
  readonly lease: KvLease;
  /** Both the leader's renewal period and the followers' polling period; below the lease's validity. */
  readonly renewEveryMs: number;
  /** Called when we become leader, with the fencing token to store with what the leader writes. */
  readonly onElected: (info: { fencingToken: number }) => void | Promise<void>;
  /** Called when we stop being leader; the application must stop acting as leader at once. */
  readonly onDemoted: (info: { reason: DemotionReason }) => void | Promise<void>;
  readonly logger: Logger;
}

export interface LeaderElection {
  /** Same answer as the lease: held and still valid right now. */
  isLeader(): boolean;
  /** Stops contending; a leader is demoted, then releases the lease. Idempotent. */
  stop(): Promise<void>;
}

export function runLeaderElection(options: LeaderElectionOptions): LeaderElection {
  const { lease, renewEveryMs, logger } = options;
  if (!(renewEveryMs > 0) || renewEveryMs >= lease.ttlMs) {
    throw new LeaseConfigError(
      `renewEveryMs (${renewEveryMs}) must be positive and well below the lease time (${lease.ttlMs} ms)`,
    );
  }
  const abort = new AbortController();
  let elected = false;
  let expiryTimer: NodeJS.Timeout | undefined;
  /** Role callbacks run one after the other, in the order the changes happened. */
  let callbacks: Promise<void> = Promise.resolve();

  function announce(call: () => void | Promise<void>, what: string): void {
    callbacks = callbacks
      .then(call)
      .catch((error: unknown) => logger.error({ err: error }, `${what} callback failed`));
  }

  function demote(reason: DemotionReason): void {
    if (!elected) return;
    elected = false;
    clearTimeout(expiryTimer);
    // Stepping down on a stop is the plan; losing the lease otherwise is worth a warning.
    if (reason === 'stopped') logger.info({ reason }, 'no longer leader');
    else logger.warn({ reason }, 'no longer leader');
    announce(() => options.onDemoted({ reason }), 'onDemoted');
  }

  /** Brings the announced role in line with the lease, after each attempt. */
  function settle(): void {
    const fencingToken = lease.fencingToken;
    if (lease.isLeader() && fencingToken !== undefined) {
      clearTimeout(expiryTimer);
      expiryTimer = setTimeout(() => {
        if (!lease.isLeader()) demote('expired');
      }, lease.remainingMs());
      if (!elected) {
        elected = true;
        logger.info({ fencingToken }, 'elected leader');
        announce(() => options.onElected({ fencingToken }), 'onElected');
      }
    } else {
      demote(fencingToken === undefined ? 'lost' : 'expired');
    }
  }

  const stopped = (): boolean => abort.signal.aborted;

  async function contend(): Promise<void> {
    while (!stopped()) {
      try {
        await lease.tryAcquire();
      } catch (error) {
        logger.warn({ err: error }, 'lease request failed; retrying');
      }
      // stop() may have been called while the request was in flight: its outcome is not announced.
      if (stopped()) break;
      settle();
      try {
        await sleep(renewEveryMs, undefined, { signal: abort.signal });
      } catch {
        // Aborted by stop(): the loop condition ends it.
      }
    }
  }

  const loop = contend();
  let stopping: Promise<void> | undefined;
  return {
    isLeader: () => lease.isLeader(),
    stop() {
      stopping ??= (async () => {
        abort.abort();
        await loop;
        clearTimeout(expiryTimer);
        demote('stopped');
        await callbacks;
        try {
          await lease.release();
        } catch (error) {
          logger.warn({ err: error }, 'lease release failed; it will expire by itself');
        }
      })();
      return stopping;
    },
  };
}
