import { nextFireTime } from './cron-expression.ts';
import type { ScheduleDocument } from './schedule-document.ts';
import type { ScheduleView } from './schedule-schemas.ts';

export function scheduleLinkOf(scheduleId: string): string {
  return `/v1/schedules/${encodeURIComponent(scheduleId)}`;
}

export function toScheduleView(schedule: ScheduleDocument, now: Date): ScheduleView {
  return {
    id: schedule._id,
    name: schedule.name,
    cron: schedule.cron,
    timeZone: schedule.timeZone,
    job: schedule.job,
    overlap: schedule.overlap,
    misfire: schedule.misfire,
    paused: schedule.paused,
    createdAt: schedule.createdAt.toISOString(),
    nextRunAt: schedule.paused ? null : nextFireTime(schedule.cron, schedule.timeZone, now).toISOString(),
    links: { self: scheduleLinkOf(schedule._id) },
  };
}
