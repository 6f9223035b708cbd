// The next time a schedule fires, for display. cron-parser is the scheduler's parser, so what is shown
// is what it will do.
import { CronExpressionParser } from 'cron-parser';
import type { ScheduleRecord } from './schedule-record.ts';

/** The first fire time strictly after `after`; null while paused, or when the expression is invalid. */
export function nextFireTime(
  schedule: Pick<ScheduleRecord, 'cron' | 'timeZone' | 'paused'>,
  after: Date,
): Date | null {
  if (schedule.paused) return null;
  try {
    return CronExpressionParser.parse(schedule.cron, { tz: schedule.timeZone, currentDate: after })
      .next()
      .toDate();
  } catch {
    // An invalid stored expression never fires (the scheduler ignores the schedule): no next run.
    return null;
  }
}
