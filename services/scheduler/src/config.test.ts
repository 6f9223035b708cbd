import { ConfigError } from '@conveyor/config';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('scheduler config', () => {
  it('has the documented defaults', () => {
    const config = readConfig({});

    expect(config).toMatchObject({
      HEALTH_PORT: 8093,
      LEASE_MS: 5_000,
      TICK_MS: 250,
      LEADER_BUCKET: 'conveyor_scheduler_leader',
      INBOX_RETENTION_HOURS: 72,
      REPORT_TIME_ZONE: 'UTC',
      SCHEDULES_JSON: [],
    });
  });

  it('gives every read its own instance id, so two schedulers in one process are two lease holders', () => {
    expect(readConfig({}).INSTANCE_ID).not.toBe(readConfig({}).INSTANCE_ID);
  });

  it('reads schedules from SCHEDULES_JSON with their defaults', () => {
    const config = readConfig({
      SCHEDULES_JSON: JSON.stringify([
        { id: 'hourly', tenantId: 'acme', name: 'Hourly', cron: '0 * * * *', job: { type: 'sync.hourly' } },
      ]),
    });

    expect(config.SCHEDULES_JSON).toEqual([
      {
        id: 'hourly',
        tenantId: 'acme',
        name: 'Hourly',
        cron: '0 * * * *',
        timeZone: 'UTC',
        job: { type: 'sync.hourly', payload: {}, priority: 1 },
        overlap: 'skip',
        misfire: 'fire-once',
        paused: false,
      },
    ]);
  });

  it.each([
    ['SCHEDULES_JSON', 'not json'],
    [
      'SCHEDULES_JSON',
      JSON.stringify([{ id: 'x', tenantId: 'acme', name: 'X', cron: 'every day', job: { type: 'a' } }]),
    ],
    [
      'SCHEDULES_JSON',
      JSON.stringify([
        {
          id: 'x',
          tenantId: 'acme',
          name: 'X',
          cron: '* * * * *',
          timeZone: 'Mars/Olympus',
          job: { type: 'a' },
        },
      ]),
    ],
    ['REPORT_TIME_ZONE', 'Nowhere/City'],
    ['LEASE_MS', '100'],
  ])('rejects %s=%s, naming the variable', (variable, value) => {
    expect(() => readConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [variable]: value })).toThrow(variable);
  });
});
