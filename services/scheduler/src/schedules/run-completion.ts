// Whether a schedule's previous run is still unfinished, for the overlap policy `skip`. A job runner
// marks a run finished by setting `status` to `completed` or `failed` on its `schedule_runs` record,
// or on the `jobs` document whose _id is the job id (= the run id). Nothing in the platform does that
// yet for every job type, so a run still `fired` after the run timeout counts as finished.
import { isFinishedJobStatus, jobStatusOf } from '@conveyor/jobs';
import { finishedRunStatuses, type ScheduleRun, type ScheduleRuns } from '@conveyor/schedules';
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
  const { runs, runTimeoutMs, logger } = options;
  const timedOutReported = new Set<string>();

  return {
    async isUnfinished(run, now) {
      if (run.status !== 'fired') return false;
      const current = await runs.read(run._id);
      if (current !== undefined && finishedRunStatuses.has(current.status)) return false;
      const jobStatus = await jobStatusOf(options.store, run._id);
      if (jobStatus !== undefined && isFinishedJobStatus(jobStatus)) return false;
      if (now.getTime() - run.firedAt.getTime() < runTimeoutMs) return true;
      if (!timedOutReported.has(run._id)) {
        timedOutReported.add(run._id);
        logger.info(
          { runId: run._id, firedAt: run.firedAt, runTimeoutMs },
          'previous run never marked finished; counted as finished after the run timeout',
        );
      }
      return false;
    },
  };
}
