// The scheduler's environment, read once through zod. SCHEDULES_JSON adds schedules from config to
// those stored in MongoDB.
import { commonEnv, envBoolean, envPort, envPositiveInt, loadConfig } from '@conveyor/config';
import { tenantId, workQueues } from '@conveyor/contracts';
import { configScheduleList, timeZone } from '@conveyor/schedules';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const schedulesJson = z
  .string()
  .transform((text, context): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of schedules' });
      return z.NEVER;
    }
  })
  .pipe(configScheduleList);

export const schedulerEnv = z.object({
  ...commonEnv,
  /** Health and readiness endpoints. 0 picks a free port. */
  HEALTH_PORT: envPort.default(8093),
  /** Unique per process: a restarted scheduler must not look like the previous lease holder. */
  INSTANCE_ID: z
    .string()
    .min(1)
    .default(() => `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`),
  /** The JetStream KV bucket of the leader lease, used for nothing else (its max_age is the lease time). */
  LEADER_BUCKET: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -')
    .default('conveyor_scheduler_leader'),
  /** Lease time: a leader that stops renewing is replaced within about this long. */
  LEASE_MS: envPositiveInt.min(500, { message: 'must be at least 500' }).default(5_000),
  /** How often the leader looks for due schedule fire times and one-off jobs. */
  TICK_MS: envPositiveInt.default(250),
  /** Fire times older than this (downtime, failover) are missed: the schedule's misfire policy applies. */
  MISFIRE_GRACE_MS: envPositiveInt.default(10_000),
  /** Overlap `skip`: a run nobody marked finished counts as finished once it is this old. */
  RUN_TIMEOUT_MS: envPositiveInt.default(3_600_000),
  /** How long a writer has to publish its own outbox entries before the leader's relay does. */
  OUTBOX_GRACE_MS: envPositiveInt.default(10_000),
  SWEEP_INTERVAL_MS: envPositiveInt.default(60_000),
  /**
   * Retention (inbox, jobs, schedule runs, idempotency keys, order bookkeeping) runs on the first sweep
   * this long after the last: on FerretDB a retention delete reads the whole collection.
   */
  RETENTION_INTERVAL_MS: envPositiveInt.default(3_600_000),
  INBOX_RETENTION_HOURS: envPositiveInt.default(72),
  /** Finished jobs and schedule runs older than this are deleted (the latest run per schedule is kept). */
  JOB_RETENTION_HOURS: envPositiveInt.default(168),
  /** Order Idempotency-Keys older than this are forgotten: a retry after it creates a new order. */
  IDEMPOTENCY_KEY_RETENTION_HOURS: envPositiveInt.default(24),
  /** A stuck order's step is re-published at most this many times by the sweep. */
  STUCK_ORDER_MAX_SWEEPS: envPositiveInt.default(3),
  REPORT_DAILY_ENABLED: envBoolean.default(true),
  /** The daily report fires at 02:00 in this IANA time zone. */
  REPORT_TIME_ZONE: timeZone.default('UTC'),
  REPORT_TENANT: tenantId.default('system'),
  /**
   * Work queues whose `<queue>.dlq` this process archives into MongoDB (every scheduler instance does,
   * as competing consumers). Comma-separated.
   */
  DEAD_LETTER_QUEUES: z
    .string()
    .default(workQueues.join(','))
    .transform((list) =>
      list
        .split(',')
        .map((queue) => queue.trim())
        .filter((queue) => queue !== ''),
    ),
  /** Schedules defined in config, as a JSON array (see README). */
  SCHEDULES_JSON: schedulesJson.default([]),
});

export type SchedulerConfig = z.infer<typeof schedulerEnv>;

export function readConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Readonly<SchedulerConfig> {
  return loadConfig(schedulerEnv, env);
}
