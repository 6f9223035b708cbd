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
  /** One pass at server time `now`; a sweep that failed is logged and reported as undefined. */
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

  return {
    async run(now) {
      const retention = await attempt('retention', () => applyRetention(options, options.retention, now));
      const stuckOrdersRepublished = await attempt('stuck-order', () => stuckOrders.run(now));
      logger.info({ retention, stuckOrdersRepublished }, 'sweeps done');
      return { retention, stuckOrdersRepublished };
    },
  };
}
