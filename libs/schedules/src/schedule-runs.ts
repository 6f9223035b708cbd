// The `schedule_runs` collection: one record per handled fire time, `_id` = `${scheduleId}:${fireTimeISO}`.
// Inserting it is the arbitration between leaders: a duplicate key means another leader already
// handled that fire time. A fired run carries its job.requested message as an outbox entry (relayed by
// the scheduler, the only relay of this collection). The job worker records the run's outcome.
import { tenantId } from '@conveyor/contracts';
import type { OutboxFields } from '@conveyor/outbox';
import { createIndexesOneByOne, isDuplicateKeyError, type Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { z } from 'zod';

export const scheduleRunsCollection = 'schedule_runs';

/**
 * `fired`, then the job worker marks it `running` and `completed` or `failed`; `skipped` runs published
 * nothing. (`running` was missing here while the worker wrote it: reading such a run failed the tick.)
 */
export const runStatuses = ['fired', 'skipped', 'running', 'completed', 'failed'] as const;
export const finishedRunStatuses: ReadonlySet<string> = new Set(['completed', 'failed']);
/** What overlap `skip` waits for: a run published and not finished yet. */
export const unfinishedRunStatuses: ReadonlySet<string> = new Set(['fired', 'running']);
/**
 * `overlap`: skipped. `dead-lettered`, `run-timeout`: ended `failed` by the scheduler because the job
 * worker never will record an outcome (end-run.ts).
 */
export const runReasons = ['overlap', 'dead-lettered', 'run-timeout'] as const;
export type RunReason = (typeof runReasons)[number];

export const scheduleRunRecord = z.object({
  _id: z.string(),
  tenantId,
  scheduleId: z.string(),
  fireTime: z.date(),
  /** The lease's KV revision when the leader wrote this record. */
  fencingToken: z.number().int().positive(),
  holderId: z.string(),
  status: z.enum(runStatuses),
  /** The single catch-up run a `fire-once` schedule fires for a missed window. */
  catchUp: z.boolean(),
  /** Server time when the leader handled the fire time. */
  firedAt: z.date(),
  /** Why a run was skipped (`overlap`), or ended without an outcome from its job worker (see end-run.ts). */
  reason: z.enum(runReasons).optional(),
  /** Why a `failed` run failed: the job's error, or how it was ended. */
  error: z.string().nullable().optional(),
});

export type ScheduleRun = z.infer<typeof scheduleRunRecord>;
type StoredRun = ScheduleRun & Partial<OutboxFields>;

export function runIdOf(scheduleId: string, fireTime: Date): string {
  return `${scheduleId}:${fireTime.toISOString()}`;
}

export interface ScheduleRuns {
  ensureIndexes(): Promise<void>;
  /** The run with the latest fire time of a schedule. */
  latest(tenant: string, scheduleId: string): Promise<ScheduleRun | undefined>;
  /** The latest run that was not skipped: the one an overlap `skip` waits for. */
  latestFired(tenant: string, scheduleId: string): Promise<ScheduleRun | undefined>;
  read(runId: string): Promise<ScheduleRun | undefined>;
  /** True when inserted; false when another leader already handled that fire time. */
  insert(run: StoredRun): Promise<boolean>;
  /** Retention: runs with a fire time before `cutoff`, except each schedule's latest run. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

export function createScheduleRuns(store: Store): ScheduleRuns {
  const runs: Collection<StoredRun> = store.db.collection<StoredRun>(scheduleRunsCollection);

  function parse(document: StoredRun | null): ScheduleRun | undefined {
    return document === null ? undefined : scheduleRunRecord.parse(document);
  }

  return {
    async ensureIndexes() {
      await createIndexesOneByOne(store.db, scheduleRunsCollection, [
        { key: { tenantId: 1, scheduleId: 1, fireTime: -1 }, name: 'tenant_schedule_fireTime' },
      ]);
    },
    async latest(tenant, scheduleId) {
      return parse(await runs.findOne({ tenantId: tenant, scheduleId }, { sort: { fireTime: -1 } }));
    },
    async latestFired(tenant, scheduleId) {
      return parse(
        await runs.findOne(
          { tenantId: tenant, scheduleId, status: { $ne: 'skipped' } },
          { sort: { fireTime: -1 } },
        ),
      );
    },
    async read(runId) {
      return parse(await runs.findOne({ _id: runId }));
    },
    async insert(run) {
      try {
        await runs.insertOne(run);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async deleteOlderThan(cutoff) {
      const latestPerSchedule = await runs
        .aggregate<{ _id: { tenantId: string; scheduleId: string } }>([
          { $match: { fireTime: { $lt: cutoff } } },
          { $group: { _id: { tenantId: '$tenantId', scheduleId: '$scheduleId' } } },
        ])
        .toArray();
      let deleted = 0;
      for (const { _id: schedule } of latestPerSchedule) {
        const latest = await runs.findOne(schedule, { sort: { fireTime: -1 }, projection: { fireTime: 1 } });
        if (latest === null) continue;
        const before = new Date(Math.min(cutoff.getTime(), latest.fireTime.getTime()));
        const result = await runs.deleteMany({ ...schedule, fireTime: { $lt: before } });
        deleted += result.deletedCount;
      }
      return deleted;
    },
  };
}

/** What the job worker records on the run whose job it runs (the same outcome as on a job). */
export type RunOutcome =
  | { status: 'running' }
  | { status: 'completed'; result: unknown; error: null }
  | { status: 'failed'; error: string };

export async function recordRunOutcome(
  store: Store,
  run: { runId: string; tenantId: string },
  outcome: RunOutcome,
  now: Date = new Date(),
): Promise<void> {
  await store.db
    .collection<{ _id: string; tenantId: string }>(scheduleRunsCollection)
    // A replayed job's outcome replaces how the scheduler had ended its run (`reason`).
    .updateOne(
      { _id: run.runId, tenantId: run.tenantId },
      { $set: { ...outcome, updatedAt: now }, $unset: { reason: '' } },
    );
}
