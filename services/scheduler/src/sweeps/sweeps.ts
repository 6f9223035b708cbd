// The leader's periodic sweeps: retention, then stuck orders. Each runs on its own so that one
// failing does not hold back the other.
import type { OutgoingMessage } from '@conveyor/bus';
import type { ScheduleRuns } from '@conveyor/schedules';
import type { Inbox, Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { LeaderView } from '../leadership/leader-view.ts';
import { applyRetention, type RetentionCounts, type RetentionSettings } from './retention.ts';
import { createStuckOrderSweep } from './stuck-orders.ts';

export interface SweepReport {
  retention: RetentionCounts | undefined;
  stuckOrdersRepublished: number | undefined;
}

export interface Sweeps {
  /** One pass at server time `now`; a sweep that failed or was not due is reported as undefined. */
  run(now: Date): Promise<SweepReport>;
}

export function createSweeps(options: {
  store: Store;
  inbox: Pick<Inbox, 'deleteOlderThan'>;
  runs: ScheduleRuns;
  /** The bus's publish (the stuck-order sweep sets the attempt of what it re-publishes). */
  publish: (message: OutgoingMessage) => Promise<unknown>;
  leader: LeaderView;
  logger: Logger;
  retention: RetentionSettings;
  stuckOrderMaxSweeps: number;
  /**
   * Retention runs on the first pass at least this long after the last one, or after createSweeps; 0
   * runs it on every pass. On FerretDB its deletes read whole collections (no range pushdown), so it
   * runs far less often than the stuck-order sweep. Measured on this process's monotonic clock.
   */
  retentionEveryMs?: number;
}): Sweeps {
  const logger = options.logger.child({ component: 'sweeps' });
  const stuckOrders = createStuckOrderSweep({ ...options, maxSweeps: options.stuckOrderMaxSweeps });

  async function attempt<T>(what: string, sweep: () => Promise<T>): Promise<T | undefined> {
    if (!options.leader.isLeader()) return undefined;
    try {
      return await sweep();
    } catch (error) {
      logger.error({ err: error }, `${what} sweep failed; retried on the next pass`);
      return undefined;
    }
  }

  const retentionEveryMs = options.retentionEveryMs ?? 0;
  let lastRetentionAt = performance.now();
  const retentionDue = () => performance.now() - lastRetentionAt >= retentionEveryMs;

  return {
    async run(now) {
      const retention = retentionDue()
        ? await attempt('retention', async () => {
            const counts = await applyRetention(options, options.retention, now);
            lastRetentionAt = performance.now();
            return counts;
          })
        : undefined;
      const stuckOrdersRepublished = await attempt('stuck-order', () => stuckOrders.run(now));
      logger.info({ retention, stuckOrdersRepublished }, 'sweeps done');
      return { retention, stuckOrdersRepublished };
    },
  };
}
