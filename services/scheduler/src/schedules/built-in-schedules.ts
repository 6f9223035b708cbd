// Schedules the scheduler always has: the daily report job at 02:00 in a configurable time zone.
import { scheduleFromConfig, type Schedule } from '@conveyor/schedules';

export interface BuiltInScheduleSettings {
  readonly REPORT_DAILY_ENABLED: boolean;
  readonly REPORT_TIME_ZONE: string;
  readonly REPORT_TENANT: string;
}

export const dailyReportScheduleId = 'built-in.report-daily';

export function builtInSchedules(settings: BuiltInScheduleSettings): Schedule[] {
  if (!settings.REPORT_DAILY_ENABLED) return [];
  return [
    scheduleFromConfig(
      {
        id: dailyReportScheduleId,
        tenantId: settings.REPORT_TENANT,
        name: 'Daily report',
        cron: '0 0 2 * * *',
        timeZone: settings.REPORT_TIME_ZONE,
        job: { type: 'report.daily', payload: {}, priority: 1 },
        overlap: 'skip',
        misfire: 'fire-once',
        paused: false,
      },
      'built-in',
    ),
  ];
}
