// The job types Conveyor's own job worker runs, all on its one queue: the daily report the scheduler
// fires, and the operators' probes (echo, sleep, fail).
import type { Store } from '@conveyor/store';
import type { JobDefinition } from '@conveyor/worker';
import type { BuiltInQueue } from './built-in-queue.ts';
import { dailyReportJob } from './daily-report.ts';
import { echoJob } from './echo.ts';
import { failJob } from './fail.ts';
import { sleepJob } from './sleep.ts';

export function builtInJobs(store: Store, on: BuiltInQueue): JobDefinition[] {
  return [dailyReportJob(store, on), echoJob(on), sleepJob(on), failJob(on)];
}
