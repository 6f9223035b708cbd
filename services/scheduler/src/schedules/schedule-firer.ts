// The leader's work for schedules on each tick: for every schedule, the fire times due since it last
// fired (misfire policy for missed ones), each recorded in `schedule_runs` under its deterministic id
// and published as job.requested.v1 with that id as message id. The insert arbitrates: a duplicate
// key means another leader handled that fire time, so two overlapping leaders never fire it twice.
import { jobRequestedMessage } from '@conveyor/jobs';
import {
  dropPendingOutbox,
  outboxEntries,
  outboxFields,
  recordPendingOutbox,
  publishOutboxOrLeaveToRelay,
  type PublishOutgoing,
} from '@conveyor/outbox';
import {
  runIdOf,
  scheduleRunsCollection,
  type Schedule,
  type ScheduleRun,
  type ScheduleRuns,
} from '@conveyor/schedules';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { LeaderView } from '../leadership/leader-view.ts';
import { planFires } from './fire-plan.ts';
import { createRunCompletion } from './run-completion.ts';

export interface ScheduleFirer {
  /** Handles every fire time of `schedules` due at `now` (server time). */
  fireDue(schedules: readonly Schedule[], now: Date): Promise<void>;
  /** Drops what is known in memory; it is read again from `schedule_runs` (on each new leadership). */
  forget(): void;
}

export interface ScheduleFirerOptions {
  readonly store: Store;
  readonly runs: ScheduleRuns;
  readonly publish: PublishOutgoing;
  readonly leader: LeaderView;
  readonly logger: Logger;
  readonly misfireGraceMs: number;
  readonly runTimeoutMs: number;
}

interface Cursor {
  /** Every fire time at or before this is handled. */
  after: Date;
  /** The latest run that was not skipped: what overlap `skip` waits for. */
  lastFired: ScheduleRun | undefined;
}

/** On-time fire times handled per schedule and tick; more wait for the next tick. */
const maxFiresPerTick = 100;

export function createScheduleFirer(options: ScheduleFirerOptions): ScheduleFirer {
  const { runs, leader, store } = options;
  const logger = options.logger.child({ component: 'schedule-firer' });
  const completion = createRunCompletion({ store, runs, runTimeoutMs: options.runTimeoutMs, logger });
  const cursors = new Map<string, Cursor>();

  async function cursorOf(schedule: Schedule, now: Date): Promise<Cursor> {
    const known = cursors.get(schedule.id);
    if (known !== undefined) return known;
    const [latest, lastFired] = await Promise.all([
      runs.latest(schedule.tenantId, schedule.id),
      runs.latestFired(schedule.tenantId, schedule.id),
    ]);
    // Never fired: fire times since its creation count (a config schedule without one starts now).
    const cursor: Cursor = { after: latest?.fireTime ?? schedule.createdAt ?? now, lastFired };
    cursors.set(schedule.id, cursor);
    return cursor;
  }

  /** Records (and publishes) one fire time; false when leadership is gone and the tick must stop. */
  async function handle(
    schedule: Schedule,
    cursor: Cursor,
    fireTime: Date,
    now: Date,
    catchUp: boolean,
  ): Promise<boolean> {
    const fencingToken = leader.fencingToken();
    if (!leader.isLeader() || fencingToken === undefined) return false;
    const runId = runIdOf(schedule.id, fireTime);
    const run: ScheduleRun = {
      _id: runId,
      tenantId: schedule.tenantId,
      scheduleId: schedule.id,
      fireTime,
      fencingToken,
      holderId: leader.holderId,
      status: 'fired',
      catchUp,
      firedAt: now,
    };
    const log = { scheduleId: schedule.id, tenantId: schedule.tenantId, runId, fencingToken };

    if (
      schedule.overlap === 'skip' &&
      cursor.lastFired !== undefined &&
      (await completion.isUnfinished(cursor.lastFired, now))
    ) {
      const inserted = await runs.insert({ ...run, status: 'skipped', reason: 'overlap' });
      cursor.after = fireTime;
      if (inserted)
        logger.info(
          { ...log, previousRunId: cursor.lastFired._id },
          'run skipped: the previous run is unfinished',
        );
      return true;
    }

    const entries = outboxEntries(
      [
        jobRequestedMessage({
          messageId: runId,
          body: {
            jobId: runId,
            tenantId: schedule.tenantId,
            jobType: schedule.job.type,
            payload: schedule.job.payload,
            scheduleRunId: runId,
          },
          priority: schedule.job.priority,
        }),
      ],
      now,
    );
    const pending = await recordPendingOutbox(
      store,
      { collection: scheduleRunsCollection, docId: runId, entries },
      now,
    );
    const inserted = await runs.insert({ ...run, ...outboxFields(entries) });
    cursor.after = fireTime;
    if (!inserted) {
      await dropPendingOutbox(store, pending);
      cursor.lastFired = (await runs.latestFired(schedule.tenantId, schedule.id)) ?? cursor.lastFired;
      logger.debug(log, 'fire time already handled by another leader');
      return true;
    }
    cursor.lastFired = run;
    await publishOutboxOrLeaveToRelay(store, options.publish, logger, {
      collection: scheduleRunsCollection,
      docId: runId,
      entries,
      pending,
    });
    logger.info({ ...log, fireTime, catchUp, jobType: schedule.job.type }, 'schedule fired');
    return true;
  }

  async function fireSchedule(schedule: Schedule, now: Date): Promise<void> {
    const cursor = await cursorOf(schedule, now);
    // Fire times during a pause are not missed, they were not wanted: the plan starts at the resume,
    // even when the pause was shorter than a tick (the cursor was kept).
    if (schedule.resumedAt !== undefined && schedule.resumedAt.getTime() > cursor.after.getTime()) {
      cursor.after = schedule.resumedAt;
    }
    const plan = planFires({
      spec: schedule,
      misfire: schedule.misfire,
      after: cursor.after,
      now,
      graceMs: options.misfireGraceMs,
      maxOnTime: maxFiresPerTick,
    });
    if (plan.catchUp !== undefined) {
      if (!(await handle(schedule, cursor, plan.catchUp, now, true))) return;
    } else if (plan.missed) {
      logger.info(
        { scheduleId: schedule.id, missedAfter: cursor.after, missedUpTo: plan.graceStart },
        'missed fire times not fired (misfire policy skip)',
      );
    }
    if (plan.graceStart.getTime() > cursor.after.getTime()) cursor.after = plan.graceStart;
    for (const fireTime of plan.onTime) {
      if (!(await handle(schedule, cursor, fireTime, now, false))) return;
    }
  }

  return {
    async fireDue(schedules, now) {
      const current = new Set(schedules.map((schedule) => schedule.id));
      // A schedule that disappeared (deleted or paused) is read afresh if it comes back.
      for (const id of cursors.keys()) if (!current.has(id)) cursors.delete(id);
      for (const schedule of schedules) {
        if (!leader.isLeader()) return;
        try {
          await fireSchedule(schedule, now);
        } catch (error) {
          logger.error(
            { err: error, scheduleId: schedule.id },
            'schedule tick failed; retried on the next tick',
          );
        }
      }
    },
    forget() {
      cursors.clear();
    },
  };
}
