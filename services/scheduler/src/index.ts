// @conveyor/scheduler: the in-process door for tests and embedding; src/main.ts runs it as a service.
export { readConfig, schedulerEnv, type SchedulerConfig } from './config.ts';
export { startScheduler, type Scheduler, type SchedulerDeps } from './service.ts';
export { leaseKey } from './leadership/leadership.ts';
export { dailyReportScheduleId } from './schedules/built-in-schedules.ts';
export { orderSweepsCollection, type OrderSweepRecord } from './sweeps/stuck-orders.ts';
export type { SweepReport } from './sweeps/sweeps.ts';
export type { RetentionCounts } from './sweeps/retention.ts';
