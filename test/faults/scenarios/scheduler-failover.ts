// Two schedulers on one lease, the second one's wall clock five minutes ahead; a per-second schedule
// fires while the leader is killed again and again (so each of them leads in turn). Every due second
// fires once (a run record, a job that runs once), none before its time, and the survivor takes over.
// A tap on job.requested.v1 records when each run's message really arrived (the test's own clock).
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '../../support/index.ts';
import { startBrokerTap } from '../harness/broker-tap.ts';
import { schedulerClockOffsetMs, type FaultStack } from '../harness/fault-stack.ts';
import { executionCounts, jobExecutions, judgeRuns } from '../harness/job-executions.ts';
import { createPerSecondSchedule } from '../harness/per-second-schedule.ts';
import { progress } from '../harness/progress.ts';
import type { ScenarioResult } from '../harness/scenario-run.ts';
import { arrivalsByRun, firstRunArrivalAfter } from '../harness/schedule-run-arrivals.ts';
import { theLeader } from '../harness/scheduler-leaders.ts';

export interface SchedulerFailoverSize {
  /** How long each leader leads before it is killed. */
  phaseMs: number;
  /** Leaders killed. */
  kills: number;
}

const skewedScheduler = 'scheduler-2';
const maxExtraKills = 6;

export async function schedulerFailover(
  faults: FaultStack,
  size: SchedulerFailoverSize,
): Promise<ScenarioResult> {
  const startedAt = performance.now();
  progress('scheduler-failover: started');
  const { stack } = faults;
  const tap = await startBrokerTap({ amqpUrl: stack.servers.amqpUrl, pattern: 'job.requested.v1.#' });
  const problems: string[] = [];
  const leaders: string[] = [];
  const recoveryMs: Array<number | undefined> = [];
  // Made before the try: a schedule that was never made needs no removal.
  const schedule = await createPerSecondSchedule(stack, {
    name: 'faults-every-second',
    job: { type: 'conveyor.echo', payload: { from: 'faults' } },
    overlap: 'allow',
  });
  const scheduleId = schedule.id;
  try {
    // Whoever asks first after the lease expires leads next (the survivor or the restarted process),
    // so leaders are killed until each scheduler has led for a phase, and at least `kills` times.
    const bothLed = () =>
      leaders.includes(skewedScheduler) && leaders.some((name) => name !== skewedScheduler);
    for (let kill = 0; kill < size.kills + maxExtraKills && (kill < size.kills || !bothLed()); kill += 1) {
      await sleep(size.phaseMs);
      const leader = await theLeader(faults);
      leaders.push(leader.name);
      const killedAt = Date.now();
      await leader.kill();
      recoveryMs.push(await firstRunArrivalAfter(tap.messages, scheduleId, killedAt));
    }
    await sleep(size.phaseMs);
    leaders.push((await theLeader(faults)).name);
  } finally {
    await schedule.remove().catch(() => undefined);
  }
  // The schedule is gone: wait (bounded) for the job worker to finish what was fired.
  await waitFor(async () => (await schedule.runs()).every((run) => run.status === 'completed'), {
    what: 'every fired run completed by the job worker',
    timeoutMs: 60_000,
    intervalMs: 500,
  }).catch(() => undefined);
  await tap.stop();

  const fired = await schedule.runs();
  const first = fired[0]?.fireTime.getTime() ?? 0;
  const last = fired.at(-1)?.fireTime.getTime() ?? 0;
  const due = fired.length === 0 ? 0 : (last - first) / 1_000 + 1;
  const executions = executionCounts(jobExecutions(faults.processes('job-worker')));
  const arrivals = arrivalsByRun(tap.messages, scheduleId);
  const early = fired.filter((run) => (arrivals.get(run._id)?.[0] ?? Infinity) < run.fireTime.getTime());
  const publishedTwice = [...arrivals.values()].filter((times) => times.length > 1).length;
  const { ranOnce, duplicates, neverRan } = judgeRuns(fired, executions);

  problems.push(...early.map((run) => `${run._id} arrived before its fire time`));
  if (!leaders.includes(skewedScheduler))
    problems.push(`the skewed scheduler never led (leaders: ${leaders.join(', ')})`);
  if (recoveryMs.some((ms) => ms === undefined)) problems.push('no run fired after a leader was killed');
  const result: ScenarioResult = {
    title: `2 schedulers, leader SIGKILL ×${String(recoveryMs.length)}, one clock +${String(schedulerClockOffsetMs / 60_000)} min`,
    attempted: due,
    completed: ranOnce,
    endedAsExpected: 0,
    lost: due - fired.length + neverRan.length,
    duplicateEffects: duplicates,
    resends: 0,
    resendsAllowed: 0,
    deadLettered: {},
    faults: recoveryMs.length,
    recoveryMs,
    seconds: (performance.now() - startedAt) / 1000,
    notes: [
      `leaders in turn: ${leaders.join(' → ')}`,
      `${String(early.length)} runs early, ${String(publishedTwice)} run messages published more than once (the job ran once)`,
      'attempted = every second between the first and the last fire time; completed = runs whose job ran exactly once',
    ],
    problems,
    lostDetails: neverRan
      .slice(0, 10)
      .map((run) => `${run._id}: fired (${run.status}) but its job never ran`),
  };
  progress(
    `scheduler-failover: ${String(due)} due, ${String(ranOnce)} ran once, ${String(result.lost)} lost, ${String(duplicates)} duplicates`,
  );
  return result;
}
