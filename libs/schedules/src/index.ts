// @conveyor/schedules: cron schedules as data, the only door to them. The schema (stored and from
// config) with its defaults, cron and time zones, the next fire time, the writes (create, delete, pause,
// resume), the reads, and the schedule runs with their retention. The scheduler fires them; the gateway
// and the dashboard show and change them.
export {
  schedulesCollection,
  scheduleId,
  overlapPolicies,
  misfirePolicies,
  defaultScheduledJobPriority,
  scheduleJob,
  scheduleFields,
  scheduleDocument,
  configSchedule,
  configScheduleList,
  scheduleFromDocument,
  scheduleFromConfig,
  type ConfigSchedule,
  type MisfirePolicy,
  type OverlapPolicy,
  type Schedule,
  type ScheduleDocument,
  type ScheduleJob,
} from './schedule-document.ts';
export {
  canonicalTimeZone,
  cronExpression,
  cronProblem,
  latestOccurrenceAtOrBefore,
  nextFireTime,
  occurrencesBetween,
  timeZone,
  type CronSpec,
} from './cron-expression.ts';
export { getSchedule, listSchedules, type ScheduleQuery } from './schedule-queries.ts';
export { createSchedule, deleteSchedule, ensureScheduleIndexes, type NewSchedule } from './schedule-store.ts';
export { setSchedulePaused, type PauseScheduleOutcome, type PauseScheduleRequest } from './pause-schedule.ts';
export {
  createScheduleRuns,
  finishedRunStatuses,
  recordRunOutcome,
  runIdOf,
  runReasons,
  runStatuses,
  unfinishedRunStatuses,
  scheduleRunRecord,
  scheduleRunsCollection,
  type RunOutcome,
  type RunReason,
  type ScheduleRun,
  type ScheduleRuns,
} from './schedule-runs.ts';
export { endUnfinishedRun, type RunEnd } from './end-run.ts';
