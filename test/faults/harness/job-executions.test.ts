import { describe, expect, it } from 'vitest';
import { executionCounts, jobExecutions, judgeRuns, overlappingExecutions } from './job-executions.ts';

/** A job worker's `job completed` line, as pino writes it. */
function completed(jobId: string, endedAt: string, durationMs: number): string {
  return JSON.stringify({ level: 'info', time: endedAt, jobId, durationMs, msg: 'job completed' });
}

describe('the job-execution ledger (scheduled work)', () => {
  const worker = {
    logs: [
      completed('s1:00', '2026-12-04T10:00:04.000Z', 3_000),
      'not json at all',
      JSON.stringify({ level: 'info', time: '2026-12-04T10:00:04.500Z', msg: 'consuming' }),
      completed('s1:05', '2026-12-04T10:00:09.000Z', 3_000),
    ],
  };

  it('reads each execution with its start and end, and nothing else', () => {
    const executions = jobExecutions([worker]);
    expect(executions.map(({ jobId }) => jobId)).toEqual(['s1:00', 's1:05']);
    expect(executions[0]).toMatchObject({
      startedAt: Date.parse('2026-12-04T10:00:01.000Z'),
      endedAt: Date.parse('2026-12-04T10:00:04.000Z'),
    });
    expect(overlappingExecutions(executions)).toEqual([]);
  });

  it('reports a job run twice (one deliberate duplicate)', () => {
    const twice = { logs: [...worker.logs, completed('s1:05', '2026-12-04T10:00:15.000Z', 3_000)] };
    expect(executionCounts(jobExecutions([twice])).get('s1:05')).toBe(2);
  });

  it('reports a job that never ran (one deliberate loss)', () => {
    const lost = { logs: worker.logs.filter((line) => !line.includes('s1:05')) };
    expect(executionCounts(jobExecutions([lost])).get('s1:05')).toBeUndefined();
  });

  it('reports two runs of a skip schedule at the same time (one deliberate overlap)', () => {
    const overlapping = { logs: [...worker.logs, completed('s1:02', '2026-12-04T10:00:06.000Z', 3_000)] };
    const overlaps = overlappingExecutions(jobExecutions([overlapping]));
    // s1:05 starts the millisecond s1:02 ends: that is no overlap.
    expect(overlaps.map(([earlier, later]) => `${earlier.jobId} ~ ${later.jobId}`)).toEqual([
      's1:00 ~ s1:02',
    ]);
  });

  it('judges the fired runs: one ran once, one twice (a duplicate), one never (a loss)', () => {
    const fired = [{ _id: 's1:00' }, { _id: 's1:05' }, { _id: 's1:10' }];
    const counts = new Map([
      ['s1:00', 1],
      ['s1:05', 2],
    ]);
    expect(judgeRuns(fired, counts)).toEqual({ ranOnce: 1, duplicates: 1, neverRan: [{ _id: 's1:10' }] });
  });
});
