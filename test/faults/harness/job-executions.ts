// The jobs the job worker ran, read from its own log: one `job completed` line per execution, with the
// job id (= the schedule run id) and how long the execution took. The ledger of scheduled work.
import { z } from 'zod';
import type { ServiceProcess } from '../../e2e/service-process.ts';

export interface JobExecution {
  readonly jobId: string;
  /** When the worker took the job up (its clock, ms since the epoch). */
  readonly startedAt: number;
  /** When it had recorded the outcome. */
  readonly endedAt: number;
}

const jobLog = z.object({
  msg: z.literal('job completed'),
  jobId: z.string(),
  time: z.iso.datetime().transform((iso) => Date.parse(iso)),
  durationMs: z.number(),
});

/** Every execution the job workers logged, by start. */
export function jobExecutions(workers: readonly Pick<ServiceProcess, 'logs'>[]): JobExecution[] {
  const executions: JobExecution[] = [];
  for (const line of workers.flatMap((worker) => worker.logs)) {
    if (!line.includes('job completed')) continue;
    const parsed = jobLog.safeParse(parseJson(line));
    if (parsed.success)
      executions.push({
        jobId: parsed.data.jobId,
        startedAt: parsed.data.time - parsed.data.durationMs,
        endedAt: parsed.data.time,
      });
  }
  return executions.sort((a, b) => a.startedAt - b.startedAt);
}

/** How many times each job ran. */
export function executionCounts(executions: readonly JobExecution[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { jobId } of executions) counts.set(jobId, (counts.get(jobId) ?? 0) + 1);
  return counts;
}

export interface RunsJudged<Run> {
  /** Runs whose job ran exactly once. */
  ranOnce: number;
  /** Executions beyond one per run. */
  duplicates: number;
  neverRan: Run[];
}

/** Each fired run's job must have run exactly once. */
export function judgeRuns<Run extends { _id: string }>(
  fired: readonly Run[],
  counts: ReadonlyMap<string, number>,
): RunsJudged<Run> {
  return {
    ranOnce: fired.filter((run) => counts.get(run._id) === 1).length,
    duplicates: fired.reduce((total, run) => total + Math.max(0, (counts.get(run._id) ?? 0) - 1), 0),
    neverRan: fired.filter((run) => (counts.get(run._id) ?? 0) === 0),
  };
}

/** Consecutive executions (by start) where the later one started before the earlier one had ended. */
export function overlappingExecutions(
  executions: readonly JobExecution[],
): Array<[JobExecution, JobExecution]> {
  const overlaps: Array<[JobExecution, JobExecution]> = [];
  for (let index = 1; index < executions.length; index += 1) {
    const earlier = executions[index - 1];
    const later = executions[index];
    if (earlier !== undefined && later !== undefined && later.startedAt < earlier.endedAt)
      overlaps.push([earlier, later]);
  }
  return overlaps;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
