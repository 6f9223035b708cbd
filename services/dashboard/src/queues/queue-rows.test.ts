import { describe, expect, it } from 'vitest';
import { countsByQueue, type ProcessCounts } from './process-counts.ts';
import { queueRows, type QueueSample } from './queue-rows.ts';

function process(url: string, text: string): ProcessCounts {
  return { url, ok: true, queues: countsByQueue(text) };
}

const worker = (received: number, acked: number, unacked: number) =>
  [
    '# HELP conveyor_messages_received_total Deliveries taken from the queue.',
    '# TYPE conveyor_messages_received_total counter',
    `conveyor_messages_received_total{queue="jobs",service="job-worker"} ${received}`,
    `conveyor_messages_acked_total{queue="jobs",service="job-worker"} ${acked}`,
    `conveyor_messages_unacked{queue="jobs",service="job-worker"} ${unacked}`,
    'conveyor_messages_acked_total{queue="other"} 7',
    'process_cpu_seconds_total 1.5',
  ].join('\n');

function sample(atSeconds: number, ready: number, processes: ProcessCounts[]): QueueSample {
  return {
    monotonicMs: atSeconds * 1_000,
    takenAt: new Date(atSeconds * 1_000),
    depths: [
      { queue: 'jobs', found: true, messages: ready, consumers: 2 },
      { queue: 'missing', found: false },
    ],
    processes,
  };
}

describe('queue rows', () => {
  it('reads ready and consumers from the broker and sums unacked over the processes that answered', () => {
    const [jobs, missing] = queueRows(
      sample(10, 40, [
        process('a', worker(100, 90, 3)),
        process('b', worker(10, 8, 2)),
        { url: 'c', ok: false, problem: 'ECONNREFUSED' },
      ]),
      undefined,
    );
    expect(jobs).toEqual({
      queue: 'jobs',
      found: true,
      ready: 40,
      consumers: 2,
      unacked: 5,
      inPerSecond: undefined,
      ackedPerSecond: undefined,
      depthPerSecond: undefined,
    });
    expect(missing).toMatchObject({ queue: 'missing', found: false, ready: undefined, unacked: undefined });
  });

  it('computes rates per second over the window, counting a restarted process from zero', () => {
    const before = sample(10, 40, [process('a', worker(100, 90, 3)), process('b', worker(50, 50, 0))]);
    // b restarted: its counters went down, so all it counted since is recent.
    const after = sample(15, 30, [process('a', worker(150, 145, 3)), process('b', worker(5, 5, 0))]);
    const [jobs] = queueRows(after, before);
    expect(jobs?.inPerSecond).toBe((50 + 5) / 5);
    expect(jobs?.ackedPerSecond).toBe((55 + 5) / 5);
    expect(jobs?.depthPerSecond).toBe(-2);
  });

  it('has no consumer figures for a queue no process reports', () => {
    const [jobs] = queueRows(sample(2, 1, []), sample(1, 0, []));
    expect(jobs).toMatchObject({ unacked: undefined, inPerSecond: undefined, depthPerSecond: 1 });
  });
});
