import { describe, expect, it } from 'vitest';
import { planFires, type FirePlanInput } from './fire-plan.ts';

const everySecond = { cron: '* * * * * *', timeZone: 'UTC' };
const at = (iso: string) => new Date(iso);

function plan(overrides: Partial<FirePlanInput>) {
  return planFires({
    spec: everySecond,
    misfire: 'fire-once',
    after: at('2025-01-01T00:00:00.000Z'),
    now: at('2025-01-01T00:00:00.500Z'),
    graceMs: 10_000,
    maxOnTime: 100,
    ...overrides,
  });
}

describe('fire plan', () => {
  it('fires each fire time since the last one, oldest first, when they are within the grace period', () => {
    const result = plan({ now: at('2025-01-01T00:00:03.200Z') });

    expect(result.onTime.map((time) => time.toISOString())).toEqual([
      '2025-01-01T00:00:01.000Z',
      '2025-01-01T00:00:02.000Z',
      '2025-01-01T00:00:03.000Z',
    ]);
    expect(result.catchUp).toBeUndefined();
    expect(result.missed).toBe(false);
  });

  it('fires nothing before the next fire time', () => {
    const result = plan({ now: at('2025-01-01T00:00:00.999Z') });

    expect(result.onTime).toEqual([]);
    expect(result.missed).toBe(false);
  });

  it('fires one catch-up run, the latest missed fire time, under fire-once', () => {
    const result = plan({
      after: at('2025-01-01T00:00:00.000Z'),
      now: at('2025-01-01T01:00:00.500Z'),
      graceMs: 2_000,
    });

    expect(result.catchUp?.toISOString()).toBe('2025-01-01T00:59:58.000Z');
    expect(result.missed).toBe(true);
    expect(result.onTime.map((time) => time.toISOString())).toEqual([
      '2025-01-01T00:59:59.000Z',
      '2025-01-01T01:00:00.000Z',
    ]);
  });

  it('fires nothing for the missed window under skip, only what is on time', () => {
    const result = plan({
      misfire: 'skip',
      after: at('2025-01-01T00:00:00.000Z'),
      now: at('2025-01-01T01:00:00.500Z'),
      graceMs: 2_000,
    });

    expect(result.catchUp).toBeUndefined();
    expect(result.missed).toBe(true);
    expect(result.graceStart.toISOString()).toBe('2025-01-01T00:59:58.500Z');
    expect(result.onTime).toHaveLength(2);
  });

  it('counts a window without fire times as not missed', () => {
    const daily = { cron: '0 0 2 * * *', timeZone: 'UTC' };
    const result = plan({
      spec: daily,
      after: at('2025-01-01T02:00:00.000Z'),
      now: at('2025-01-01T20:00:00.000Z'),
    });

    expect(result.missed).toBe(false);
    expect(result.catchUp).toBeUndefined();
    expect(result.onTime).toEqual([]);
  });

  it('reads the cron in the schedule’s time zone, across a daylight-saving change', () => {
    const daily = { cron: '0 0 2 * * *', timeZone: 'Europe/Berlin' };
    const result = plan({
      spec: daily,
      after: at('2025-10-24T12:00:00.000Z'),
      now: at('2025-10-27T12:00:00.000Z'),
      graceMs: 5 * 86_400_000,
    });

    // 02:00 in Berlin is 00:00Z in summer time (CEST) and 01:00Z in winter time (CET). On 26 October
    // 02:00 happens twice (03:00 CEST becomes 02:00 CET): the schedule fires once, at the first.
    expect(result.onTime.map((time) => time.toISOString())).toEqual([
      '2025-10-25T00:00:00.000Z',
      '2025-10-26T00:00:00.000Z',
      '2025-10-27T01:00:00.000Z',
    ]);
  });

  it('bounds the on-time fire times of one plan', () => {
    const result = plan({ now: at('2025-01-01T00:00:09.500Z'), maxOnTime: 3 });

    expect(result.onTime).toHaveLength(3);
  });
});
