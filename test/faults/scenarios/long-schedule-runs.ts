// A schedule whose job runs longer than its period: every second, overlap `skip`, a conveyor.sleep job
// of a few seconds. While a run is `running` on the job worker, the leading scheduler is killed. The
// next leader must read that run as unfinished (not fail on its status, not fire beside it), fire again
// once it completes, and every fired run's job must run exactly once, never two at a time.
import { waitFor } from '../../support/index.ts';
import { startBrokerTap } from '../harness/broker-tap.ts';
import type { FaultStack } from '../harness/fault-stack.ts';
import {
  executionCounts,
  jobExecutions,
  judgeRuns,
  overlappingExecutions,
} from '../harness/job-executions.ts';
import { createPerSecondSchedule, type ScheduledRun } from '../harness/per-second-schedule.ts';
import { progress } from '../harness/progress.ts';
import type { ScenarioResult } from '../harness/scenario-run.ts';
import { firstRunArrivalAfter } from '../harness/schedule-run-arrivals.ts';
import { theLeader } from '../harness/scheduler-leaders.ts';

export interface LongScheduleRunsSize {
  /** How long each run's job takes: several periods of the per-second schedule. */
  jobMs: number;
  /** Leaders killed, each while a run is running. */
  kills: number;
}

const periodMs = 1_000;

export async function longScheduleRuns(
  faults: FaultStack,
  size: LongScheduleRunsSize,
): Promise<ScenarioResult> {
  const startedAt = performance.now();
  progress('long-schedule-runs: started');
  const { stack } = faults;
  const tap = await startBrokerTap({ amqpUrl: stack.servers.amqpUrl, pattern: 'job.requested.v1.#' });
  const problems: string[] = [];
  const leaders: string[] = [];
  const recoveryMs: Array<number | undefined> = [];
  // Made before the try: a schedule that was never made needs no removal.
  const schedule = await createPerSecondSchedule(stack, {
    name: 'faults-long-runs',
    job: { type: 'conveyor.sleep', payload: { ms: size.jobMs } },
    overlap: 'skip',
  });
  const { id } = schedule;
  try {
    for (let kill = 0; kill < size.kills; kill += 1) {
      // A run the job worker has taken up (`running`), fired since the last kill.
      const since = Date.now();
      await waitFor(
        async () =>
          (await schedule.runs()).some(
            (run) => run.status === 'running' && run.fireTime.getTime() > since - periodMs,
          ),
        {
          what: 'a run of the schedule running on the job worker',
          timeoutMs: size.jobMs * 3 + 30_000,
          intervalMs: 100,
        },
      );
      const leader = await theLeader(faults);
      leaders.push(leader.name);
      const killedAt = Date.now();
      await leader.kill();
      // The next run can fire only once the running one has finished: the job's length is part of this.
      recoveryMs.push(await firstRunArrivalAfter(tap.messages, id, killedAt, size.jobMs + 30_000));
    }
    leaders.push((await theLeader(faults)).name);
  } finally {
    await schedule.remove().catch(() => undefined);
  }
  const unfinished = (all: readonly ScheduledRun[]) =>
    all.filter((run) => run.status !== 'skipped' && run.status !== 'completed');
  await waitFor(async () => unfinished(await schedule.runs()).length === 0, {
    what: 'every fired run completed by the job worker',
    timeoutMs: size.jobMs + 60_000,
    intervalMs: 500,
  }).catch(() => undefined);
  await tap.stop();

  const all = await schedule.runs();
  const fired = all.filter((run) => run.status !== 'skipped');
  const skipped = all.length - fired.length;
  const executions = jobExecutions(faults.processes('job-worker')).filter((execution) =>
    execution.jobId.startsWith(`${id}:`),
  );
  const { ranOnce, duplicates, neverRan } = judgeRuns(fired, executionCounts(executions));
  const overlaps = overlappingExecutions(executions);

  problems.push(
    ...overlaps.map(
      ([earlier, later]) => `${later.jobId} started before ${earlier.jobId} had finished (overlap skip)`,
    ),
    ...unfinished(all).map((run) => `${run._id} still ${run.status} at the end`),
  );
  if (recoveryMs.some((ms) => ms === undefined))
    problems.push('no run fired after a leader was killed mid-run');
  if (skipped === 0) problems.push('no fire time was skipped: the job did not outlast the period');
  const result: ScenarioResult = {
    title: `job ${String(size.jobMs / 1_000)} s on a 1 s schedule (overlap skip), leader SIGKILL mid-run ×${String(recoveryMs.length)}`,
    attempted: fired.length,
    completed: ranOnce,
    endedAsExpected: 0,
    lost: neverRan.length,
    duplicateEffects: duplicates,
    resends: 0,
    resendsAllowed: 0,
    deadLettered: {},
    faults: recoveryMs.length,
    recoveryMs,
    seconds: (performance.now() - startedAt) / 1000,
    notes: [
      `leaders in turn: ${leaders.join(' → ')}`,
      `${String(fired.length)} runs fired, ${String(skipped)} fire times skipped while a run was unfinished, ${String(overlaps.length)} overlapping executions`,
      'attempted = runs fired; completed = runs whose job ran exactly once; time to recover = kill → next run fired (includes the rest of the running job)',
    ],
    problems,
    lostDetails: neverRan
      .slice(0, 10)
      .map((run) => `${run._id}: fired (${run.status}) but its job never ran`),
  };
  progress(
    `long-schedule-runs: ${String(fired.length)} fired, ${String(ranOnce)} ran once, ${String(result.lost)} lost, ${String(duplicates)} duplicates, ${String(overlaps.length)} overlaps`,
  );
  return result;
}
