// A stored schedule as the API shows it, with its next fire time from @conveyor/schedules (the
// scheduler's own computation).
import { nextFireTime, type ScheduleDocument } from '@conveyor/schedules';
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
    createdAt: schedule.createdAt?.toISOString() ?? null,
    nextRunAt: nextFireTime(schedule, now)?.toISOString() ?? null,
    links: { self: scheduleLinkOf(schedule._id) },
  };
}
