// The scheduler, startable in-process: leadership over the KV lease, and while leader a tick that
// fires due schedules and one-off jobs, the outbox relay for what it wrote, and periodic sweeps; on
// every instance, when given the broker connection and metrics, the dead-letter archiving.
// Connections are the caller's: stop() releases what the scheduler started, not them.
import {
  defaultExchangeNaming,
  unpublishableReason,
  type Bus,
  type BusConnection,
  type ExchangeNaming,
} from '@conveyor/bus';
import type { Metrics } from '@conveyor/metrics';
import { startTickLoop, type ReadinessCheck } from '@conveyor/runtime';
import {
  createOutboxRelay,
  toOutgoingMessage,
  type OutboxRelay,
  type PublishOutgoing,
} from '@conveyor/outbox';
import { createScheduleRuns, scheduleFromConfig, scheduleRunsCollection } from '@conveyor/schedules';
import { createInbox, type Store } from '@conveyor/store';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { SchedulerConfig } from './config.ts';
import { startDeadLetterArchiving, type DeadLetterArchiving } from './dead-letters/dead-letter-archiving.ts';
import { createOneOffJobs } from './jobs/one-off-jobs.ts';
import { startLeadership } from './leadership/leadership.ts';
import { builtInSchedules } from './schedules/built-in-schedules.ts';
import { createScheduleFirer } from './schedules/schedule-firer.ts';
import { createScheduleSource } from './schedules/schedule-source.ts';
import { ensureOrderSweepIndexes } from './sweeps/stuck-orders.ts';
import { createSweeps, type SweepReport } from './sweeps/sweeps.ts';

export interface SchedulerDeps {
  readonly config: Readonly<SchedulerConfig>;
  readonly bus: Pick<Bus, 'publish'>;
  readonly store: Store;
  /** NATS with JetStream: required, the lease lives there. */
  readonly nats: NatsConnection;
  readonly logger: Logger;
  /**
   * The broker connection and metrics for archiving every `DEAD_LETTER_QUEUES` `.dlq` (and the
   * unroutable events) into `dead_letters`, as main.ts does. Left out (most tests), nothing is archived.
   */
  readonly deadLetters?: {
    readonly connection: BusConnection;
    readonly metrics: Metrics;
    /** The Bus's exchange names (EXCHANGE_PREFIX); the default names when left out. */
    readonly exchanges?: ExchangeNaming;
  };
}

export interface Scheduler {
  /** The lease holder id (INSTANCE_ID). */
  readonly holderId: string;
  isLeader(): boolean;
  /** Not ready while dead letters are held because storing them fails; undefined without archiving. */
  readonly deadLetterArchive: ReadinessCheck | undefined;
  /** Runs the sweeps now; undefined when not leader. */
  runSweeps(): Promise<SweepReport | undefined>;
  /** Stops ticking and sweeping, then releases the lease. Idempotent. */
  stop(): Promise<void>;
}

export async function startScheduler(deps: SchedulerDeps): Promise<Scheduler> {
  const { config, store } = deps;
  const logger = deps.logger.child({ holderId: config.INSTANCE_ID });
  const publish: PublishOutgoing = (message) => deps.bus.publish(message);

  const runs = createScheduleRuns(store);
  // Everything that can fail at start-up happens before contending for leadership.
  await runs.ensureIndexes();
  await ensureOrderSweepIndexes(store);
  const schedules = createScheduleSource({
    store,
    fixed: [
      ...builtInSchedules(config),
      ...config.SCHEDULES_JSON.map((schedule) => scheduleFromConfig(schedule)),
    ],
    logger,
  });

  let relay: OutboxRelay | undefined;
  const leadership = await startLeadership({
    nc: deps.nats,
    bucket: config.LEADER_BUCKET,
    leaseMs: config.LEASE_MS,
    holderId: config.INSTANCE_ID,
    logger,
    // The relay re-publishes what a leader wrote but could not publish (crash, broker down). The
    // scheduler owns the relay of `schedule_runs` only; `jobs` is the gateway's (one relay per collection).
    onElected: async () => {
      relay = createOutboxRelay({
        store,
        owner: 'scheduler',
        collections: [scheduleRunsCollection],
        // The firer records its pending writes: nothing is scanned by a writer's clock.
        timeScannedCollections: [],
        // Too large for the bus, or not an entry: set aside as a dead letter rather than retried for ever.
        unpublishableReason,
        publish: async (entry) => {
          await publish(toOutgoingMessage(entry));
        },
        graceMs: config.OUTBOX_GRACE_MS,
        intervalMs: config.OUTBOX_GRACE_MS,
        logger,
        clock: () => leadership.serverNow()?.getTime() ?? Date.now(),
      });
      await relay.start();
    },
    onDemoted: async () => {
      await relay?.stop();
      relay = undefined;
    },
  });

  const firer = createScheduleFirer({
    store,
    runs,
    publish,
    leader: leadership,
    logger,
    misfireGraceMs: config.MISFIRE_GRACE_MS,
    runTimeoutMs: config.RUN_TIMEOUT_MS,
  });
  const oneOffJobs = createOneOffJobs({ store, publish, leader: leadership, logger });
  const sweeps = createSweeps({
    store,
    inbox: createInbox(store),
    runs,
    publish: (message) => deps.bus.publish(message),
    leader: leadership,
    logger,
    retention: {
      inboxRetentionHours: config.INBOX_RETENTION_HOURS,
      jobRetentionHours: config.JOB_RETENTION_HOURS,
      idempotencyKeyRetentionHours: config.IDEMPOTENCY_KEY_RETENTION_HOURS,
    },
    stuckOrderMaxSweeps: config.STUCK_ORDER_MAX_SWEEPS,
    retentionEveryMs: config.RETENTION_INTERVAL_MS,
  });

  let leaderLastTick = false;
  async function tick(): Promise<void> {
    if (!leadership.isLeader()) {
      leaderLastTick = false;
      return;
    }
    // A new term: another leader may have fired meanwhile, so what is known is read again.
    if (!leaderLastTick) firer.forget();
    leaderLastTick = true;
    const now = leadership.serverNow();
    if (now === undefined) return;
    await attempt('schedules', async () => firer.fireDue(await schedules.active(), now));
    await attempt('one-off jobs', () => oneOffJobs.dispatchDue(now));
  }

  /** Schedules and one-off jobs are independent: one failing must not hold back the other. */
  async function attempt(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error }, `${what} tick failed; retried on the next tick`);
    }
  }

  async function runSweeps(): Promise<SweepReport | undefined> {
    const now = leadership.serverNow();
    if (!leadership.isLeader() || now === undefined) return undefined;
    return sweeps.run(now);
  }

  const archiving: DeadLetterArchiving | undefined =
    deps.deadLetters === undefined
      ? undefined
      : await startDeadLetterArchiving({
          connection: deps.deadLetters.connection,
          exchanges: deps.deadLetters.exchanges ?? defaultExchangeNaming,
          metrics: deps.deadLetters.metrics,
          store,
          queues: config.DEAD_LETTER_QUEUES,
          logger,
        });
  const ticks = startTickLoop({ everyMs: config.TICK_MS, run: tick, logger, what: 'scheduler tick' });
  const sweepLoop = startTickLoop({
    everyMs: config.SWEEP_INTERVAL_MS,
    run: async () => {
      await runSweeps();
    },
    logger,
    what: 'sweeps',
    // Housekeeping, not urgent: the first pass comes a full period after start.
    firstRunAfterPeriod: true,
  });
  logger.info(
    { bucket: config.LEADER_BUCKET, leaseMs: config.LEASE_MS, tickMs: config.TICK_MS },
    'scheduler started',
  );

  let stopping: Promise<void> | undefined;
  return {
    holderId: config.INSTANCE_ID,
    isLeader: () => leadership.isLeader(),
    deadLetterArchive: archiving?.readiness,
    runSweeps,
    stop() {
      stopping ??= (async () => {
        await Promise.all([ticks.stop(), sweepLoop.stop()]);
        await leadership.stop();
        await relay?.stop();
        await archiving?.stop();
        logger.info('scheduler stopped');
      })();
      return stopping;
    },
  };
}
