import { describe, expect, it } from 'vitest';
import { scheduleRunRecord } from './schedule-runs.ts';

describe('schedule run record', () => {
  it('reads a run the job worker marked running (the scheduler’s copy of the statuses refused it)', () => {
    const run = {
      _id: 'sch_1:2025-01-01T02:00:00.000Z',
      tenantId: 'acme',
      scheduleId: 'sch_1',
      fireTime: new Date('2025-01-01T02:00:00.000Z'),
      fencingToken: 3,
      holderId: 'scheduler-a',
      status: 'running',
      catchUp: false,
      firedAt: new Date('2025-01-01T02:00:00.100Z'),
    };
    expect(scheduleRunRecord.parse(run).status).toBe('running');
  });

  it('reads a run the scheduler ended, with how and why', () => {
    const run = {
      _id: 'sch_1:2025-01-01T02:00:00.000Z',
      tenantId: 'acme',
      scheduleId: 'sch_1',
      fireTime: new Date('2025-01-01T02:00:00.000Z'),
      fencingToken: 3,
      holderId: 'scheduler-a',
      status: 'failed',
      reason: 'dead-lettered',
      error: 'dead-lettered (crash-loop): the handler crashed 5 times',
      catchUp: false,
      firedAt: new Date('2025-01-01T02:00:00.100Z'),
    };
    expect(scheduleRunRecord.parse(run)).toMatchObject({ status: 'failed', reason: 'dead-lettered' });
  });
});
