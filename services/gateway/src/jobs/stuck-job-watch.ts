// The gateway, which accepts jobs and relays their outbox, also makes sure none stays `accepted` for
// ever: @conveyor/jobs' stuck-job sweep (where the policy lives) every `intervalMs`, each outcome logged
// there and counted here in conveyor_stuck_jobs_total{outcome}. Every instance runs it; the sweep's
// records let only one of them re-publish a given job at a time.
import { isUnpublishable, type Bus } from '@conveyor/bus';
import { createStuckJobSweep, type StuckJobReport } from '@conveyor/jobs';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import { startTickLoop } from '@conveyor/runtime';
import { Counter, type Registry } from 'prom-client';

export interface StuckJobSettings {
  /** A job accepted longer ago than this, no longer pending in the outbox, is re-published. */
  afterMs: number;
  intervalMs: number;
  /** Re-publishes before the job is marked failed. */
  maxRepublishes: number;
}

export const defaultStuckJobSettings: StuckJobSettings = {
  afterMs: 15 * 60_000,
  intervalMs: 60_000,
  maxRepublishes: 3,
};

export interface StuckJobWatchOptions {
  store: Store;
  bus: Pick<Bus, 'publish'>;
  logger: Logger;
  settings: StuckJobSettings;
  /** Where conveyor_stuck_jobs_total is registered (the process's registry); none: not exposed. */
  metricsRegistry?: Registry | undefined;
}

export interface StuckJobWatch {
  /** One sweep now (tests); concurrent calls share it. */
  runOnce(): Promise<StuckJobReport>;
  /** Stops the timer and waits for a sweep in progress. Idempotent. */
  stop(): Promise<void>;
}

export function startStuckJobWatch(options: StuckJobWatchOptions): StuckJobWatch {
  const { settings } = options;
  const logger = options.logger.child({ component: 'stuck-job-watch' });
  const counted = new Counter<'outcome'>({
    name: 'conveyor_stuck_jobs_total',
    help: 'Jobs found accepted past the bound: waiting-for-relay (still pending in the outbox), republished, failed.',
    labelNames: ['outcome'],
    registers: options.metricsRegistry === undefined ? [] : [options.metricsRegistry],
  });
  const sweep = createStuckJobSweep({
    store: options.store,
    publish: (message) => options.bus.publish(message),
    logger,
    stuckAfterMs: settings.afterMs,
    maxRepublishes: settings.maxRepublishes,
    unpublishable: isUnpublishable,
  });
  let running: Promise<StuckJobReport> | undefined;

  function runOnce(): Promise<StuckJobReport> {
    running ??= sweep
      .run(new Date())
      .then((report) => {
        counted.inc({ outcome: 'waiting-for-relay' }, report.waitingForRelay);
        counted.inc({ outcome: 'republished' }, report.republished);
        counted.inc({ outcome: 'failed' }, report.failed);
        return report;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const loop = startTickLoop({
    everyMs: settings.intervalMs,
    run: async () => {
      await runOnce();
    },
    logger,
    what: 'stuck-job sweep',
    firstRunAfterPeriod: true,
  });

  return {
    runOnce,
    async stop() {
      await loop.stop();
      // A sweep a caller started with runOnce() is waited for too.
      await running?.catch(() => undefined);
    },
  };
}
