import { describe, expect, it } from 'vitest';
import type { JobView } from '../gateway/gateway-views.ts';
import { formatJob, formatJobList, formatJobProgress, formatJobStatus } from './format-job.ts';

function job(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'job_1',
    type: 'image.resize',
    payload: { url: 'https://example.test/a.png' },
    priority: 5,
    status: 'completed',
    runAt: null,
    attempt: 1,
    attempts: [
      {
        attempt: 1,
        startedAt: '2025-01-31T08:00:01.000Z',
        endedAt: '2025-01-31T08:00:02.000Z',
        outcome: 'completed',
        error: null,
      },
    ],
    progress: null,
    cancelRequested: false,
    history: [],
    result: { ok: true },
    error: null,
    traceId: 'trace-1',
    createdAt: '2025-01-31T08:00:00.000Z',
    updatedAt: '2025-01-31T08:00:02.000Z',
    ...overrides,
  };
}

describe('jobs as text', () => {
  it('lists a page as a table with the next cursor, or says there are no more', () => {
    const page = formatJobList({ jobs: [job(), job({ id: 'job_2', status: 'running' })], nextCursor: 'c-2' });
    const lines = page.split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+ATTEMPT\s+CREATED\s+UPDATED$/);
    expect(lines[1]).toMatch(/^job_1\s+image\.resize\s+completed\s+1\s+2025-01-31T08:00:00\.000Z/);
    expect(lines[2]).toMatch(/^job_2\s+image\.resize\s+running\s/);
    expect(lines[3]).toBe('next cursor: c-2');
    expect(formatJobList({ jobs: [], nextCursor: null })).toBe('no jobs\nno more jobs');
  });

  it('shows a job with its result, trace id and each attempt with its error', () => {
    const text = formatJob(
      job({
        status: 'failed',
        result: undefined,
        error: 'image too large',
        attempt: 2,
        attempts: [
          {
            attempt: 1,
            startedAt: '2025-01-31T08:00:01.000Z',
            endedAt: '2025-01-31T08:00:02.000Z',
            outcome: 'retrying',
            error: 'timeout',
          },
          {
            attempt: 2,
            startedAt: '2025-01-31T08:00:12.000Z',
            endedAt: '2025-01-31T08:00:13.000Z',
            outcome: 'failed',
            error: 'image too large',
          },
        ],
      }),
    );
    expect(text).toContain('job_1  failed  (image.resize, priority 5)');
    expect(text).toContain('error:    image too large');
    expect(text).toContain('trace:    trace-1');
    expect(text).toContain('  #1  2025-01-31T08:00:01.000Z  2025-01-31T08:00:02.000Z  retrying  timeout');
    expect(text).toContain(
      '  #2  2025-01-31T08:00:12.000Z  2025-01-31T08:00:13.000Z  failed  image too large',
    );
    expect(text).not.toContain('result:');
    expect(formatJob(job())).toContain('result:   {"ok":true}');
  });

  it('marks a running job whose cancel was asked for, and numbers the attempts of a retried run', () => {
    const text = formatJob(
      job({
        status: 'running',
        cancelRequested: true,
        result: undefined,
        attempts: [
          {
            run: 2,
            attempt: 1,
            startedAt: '2025-01-31T09:00:00.000Z',
            endedAt: null,
            outcome: 'running',
            error: null,
          },
        ],
      }),
    );
    expect(text).toContain('job_1  running (cancel requested)');
    expect(text).toContain('  run 2 #1  2025-01-31T09:00:00.000Z  -  running');
  });

  it('prints a numeric progress as a percentage and any other value as JSON', () => {
    const at = '2025-01-31T08:00:01.500Z';
    expect(formatJobProgress({ jobId: 'job_1', value: 40, at })).toBe(`${at}  job_1  progress  40%`);
    expect(formatJobProgress({ jobId: 'job_1', value: { rows: 10 }, at })).toBe(
      `${at}  job_1  progress  {"rows":10}`,
    );
    expect(formatJobStatus(job({ status: 'failed', error: 'boom' }))).toBe(
      '2025-01-31T08:00:02.000Z  job_1  failed  attempt 1  boom',
    );
  });
});
