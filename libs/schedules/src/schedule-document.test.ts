import { describe, expect, it } from 'vitest';
import { configSchedule, scheduleDocument } from './schedule-document.ts';

const stored = {
  _id: 'sch_1',
  tenantId: 'acme',
  name: 'nightly',
  cron: '0 2 * * *',
  job: { type: 'report.daily' },
};

describe('schedule schema', () => {
  it('gives a stored schedule the defaults the scheduler fires it with', () => {
    expect(scheduleDocument.parse(stored)).toMatchObject({
      timeZone: 'UTC',
      job: { type: 'report.daily', payload: {}, priority: 1 },
      overlap: 'skip',
      misfire: 'fire-once',
      paused: false,
    });
  });

  it('accepts every cron expression the API accepts (up to 200 characters), which the scheduler’s copy refused past 128', () => {
    const everyMinuteListed = `${Array.from({ length: 60 }, (_, minute) => minute).join(',')} * * * *`;
    expect(everyMinuteListed.length).toBeGreaterThan(128);

    expect(scheduleDocument.safeParse({ ...stored, cron: everyMinuteListed }).success).toBe(true);
    const { _id: _unused, ...fields } = stored;
    expect(configSchedule.safeParse({ ...fields, id: 'c', cron: everyMinuteListed }).success).toBe(true);
  });

  it('refuses what the scheduler cannot fire', () => {
    expect(scheduleDocument.safeParse({ ...stored, cron: '0 0 31 2 *' }).success).toBe(false);
    expect(scheduleDocument.safeParse({ ...stored, timeZone: 'Mars/Olympus_Mons' }).success).toBe(false);
  });
});
