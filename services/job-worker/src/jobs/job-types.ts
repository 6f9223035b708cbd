// The job types this worker runs. A job of any other type is dead-lettered (a permanent failure).
import { dailyReport } from './daily-report.ts';
import type { JobRunner } from './job-runner.ts';

export const jobTypes: ReadonlyMap<string, JobRunner> = new Map([
  ['report.daily', dailyReport],
  // Echoes its payload: lets operators and tests check the whole path without side effects.
  ['conveyor.echo', ({ payload }) => Promise.resolve({ echo: payload })],
]);
