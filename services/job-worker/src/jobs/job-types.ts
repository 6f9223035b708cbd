// The job types this worker runs. A job of any other type is dead-lettered (a permanent failure).
import { dailyReport } from './daily-report.ts';
import type { JobRunner } from './job-runner.ts';
import { sleepJob } from './sleep.ts';

export const jobTypes: ReadonlyMap<string, JobRunner> = new Map([
  ['report.daily', dailyReport],
  // Echoes its payload: lets operators and tests check the whole path without side effects.
  ['conveyor.echo', ({ payload }) => Promise.resolve({ echo: payload })],
  // Waits payload.ms: a job of known length, to watch overlap and deadlines with.
  ['conveyor.sleep', sleepJob],
]);
