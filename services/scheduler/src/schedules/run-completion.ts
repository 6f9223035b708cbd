// Whether a schedule's previous run is still unfinished, for the overlap policy `skip`. The job worker
// marks a run `running`, then `completed` or `failed`, on its `schedule_runs` record (a job runner may
// instead finish the `jobs` document whose _id is the run id); the archiver ends the run of a
// dead-lettered job. A run nobody finishes (a worker killed for good, a job type nobody runs) must not
// hold its schedule for ever: past the run timeout the leader ends it `failed` (`run-timeout`) and says so.
import { isFinishedJobStatus, jobStatusOf } from '@conveyor/jobs';
import {
  endUnfinishedRun,
  unfinishedRunStatuses,
  type ScheduleRun,
  type ScheduleRuns,
} from '@conveyor/schedules';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';

export interface RunCompletion {
  isUnfinished(run: ScheduleRun, now: Date): Promise<boolean>;
}

export function createRunCompletion(options: {
  store: Store;
  runs: ScheduleRuns;
  runTimeoutMs: number;
  logger: Logger;
}): RunCompletion {
  const { store, runs, runTimeoutMs, logger } = options;

  return {
    async isUnfinished(run, now) {
      // The stored status, not the one known when the run was fired: a new leader reads `running`.
      const current = (await runs.read(run._id)) ?? run;
      if (!unfinishedRunStatuses.has(current.status)) return false;
      const jobStatus = await jobStatusOf(store, run._id);
      if (jobStatus !== undefined && isFinishedJobStatus(jobStatus)) return false;
      const ageMs = now.getTime() - current.firedAt.getTime();
      if (ageMs < runTimeoutMs) return true;
      const ended = await endUnfinishedRun(
        store,
        { runId: run._id, tenantId: run.tenantId },
        {
          reason: 'run-timeout',
          error: `no outcome ${runTimeoutMs} ms (RUN_TIMEOUT_MS) after it fired; it was ${current.status} (a worker killed for good, or a job type no worker runs)`,
          at: now,
        },
      );
      if (ended)
        logger.warn(
          {
            runId: run._id,
            scheduleId: run.scheduleId,
            tenantId: run.tenantId,
            status: current.status,
            firedAt: current.firedAt,
            runTimeoutMs,
          },
          'schedule run ended as failed (run-timeout): no outcome within the run timeout; the schedule fires again',
        );
      return false;
    },
  };
}
