// @conveyor/schedules: stored cron schedules as operators see them, and the pause/resume write every
// operator tool shares (gateway API, CLI through it, dashboard). The scheduler fires them.
export { scheduleRecord, schedulesCollection, type ScheduleRecord } from './schedule-record.ts';
export { getScheduleRecord, listScheduleRecords, type ScheduleQuery } from './schedule-queries.ts';
export { setSchedulePaused, type PauseScheduleOutcome, type PauseScheduleRequest } from './pause-schedule.ts';
export { nextFireTime } from './next-fire-time.ts';
