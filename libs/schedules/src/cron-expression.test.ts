import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { cronProblem, nextFireTime, occurrencesBetween } from './cron-expression.ts';

const at = (iso: string) => new Date(iso);

/** The gateway's copy, as it was: it threw where cron-parser refused the expression or the time zone. */
function gatewayNextFireTime(expression: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { tz: timeZone, currentDate: after }).next().toDate();
}

describe('next fire time', () => {
  it('is the first fire time the scheduler fires after that instant, across a daylight-saving change', () => {
    const daily = { cron: '0 0 2 * * *', timeZone: 'Europe/Berlin', paused: false };
    const after = at('2025-10-25T12:00:00.000Z');

    const [firstFired] = occurrencesBetween(daily, after, at('2025-10-30T00:00:00.000Z'), 1);
    expect(nextFireTime(daily, after)).toEqual(firstFired);
    // 02:00 happens twice that night; the repeated one is not a fire time.
    expect(nextFireTime(daily, at('2025-10-26T00:00:00.000Z'))?.toISOString()).toBe(
      '2025-10-27T01:00:00.000Z',
    );
  });

  it('is strictly after the instant given', () => {
    const everySecond = { cron: '* * * * * *', timeZone: 'UTC', paused: false };
    expect(nextFireTime(everySecond, at('2025-01-01T00:00:01.000Z'))?.toISOString()).toBe(
      '2025-01-01T00:00:02.000Z',
    );
  });

  it('is null while paused', () => {
    expect(
      nextFireTime({ cron: '0 2 * * *', timeZone: 'UTC', paused: true }, at('2025-01-01T00:00:00Z')),
    ).toBeNull();
  });

  it('is null for a stored schedule the scheduler cannot fire, where the gateway’s copy threw', () => {
    const now = at('2025-01-01T00:00:00Z');
    const unknownZone = { cron: '0 2 * * *', timeZone: 'Mars/Olympus_Mons', paused: false };
    const notCron = { cron: 'every day at two', timeZone: 'UTC', paused: false };

    expect(() => gatewayNextFireTime(unknownZone.cron, unknownZone.timeZone, now)).toThrow();
    expect(() => gatewayNextFireTime(notCron.cron, notCron.timeZone, now)).toThrow();
    expect(nextFireTime(unknownZone, now)).toBeNull();
    expect(nextFireTime(notCron, now)).toBeNull();
  });
});

describe('cron expressions', () => {
  it('accepts 5 fields, 6 with seconds first, and the @ aliases', () => {
    for (const cron of ['0 2 * * *', '*/10 * * * * *', '@daily']) expect(cronProblem(cron)).toBeUndefined();
  });

  it('says why an expression cannot be fired', () => {
    expect(cronProblem('0 0 31 2 *')).toMatch(/day of month/);
    expect(cronProblem('0 0 * * * * *')).toMatch(/too many fields/);
  });

  it('refuses hashed (H) fields, which cron-parser fills at random on every parse', () => {
    // Without the check, two parses of the same schedule give different fire times.
    expect(cronProblem('H H * * *')).toMatch(/'H'/);
    expect(cronProblem('0 H(0-5) * * *')).toMatch(/'H'/);
    expect(cronProblem('0 9 * * MON-THU')).toBeUndefined();
  });
});
