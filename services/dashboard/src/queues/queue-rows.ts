// The rows of the queues page, from two samples: the latest, and an older one to compute rates
// against. Each column says exactly what it measures:
// - ready, consumers: the broker's answer to a passive declare (checkQueue) of the queue;
// - unacked: the sum of conveyor_messages_unacked over the worker processes that answered;
// - in/s, acked/s: deliveries received and acked by those processes, per second over the window
//   (a process restarted within it counts from zero);
// - depth/s: how fast `ready` grew (positive) or drained (negative) over the window.
import type { QueueDepth } from '@conveyor/metrics';
import type { ConsumerCounts, ProcessCounts } from './process-counts.ts';

export interface QueueSample {
  /** performance.now() when the sample was taken. */
  monotonicMs: number;
  takenAt: Date;
  depths: readonly QueueDepth[];
  processes: readonly ProcessCounts[];
}

export interface QueueRow {
  queue: string;
  found: boolean;
  ready: number | undefined;
  consumers: number | undefined;
  unacked: number | undefined;
  inPerSecond: number | undefined;
  ackedPerSecond: number | undefined;
  depthPerSecond: number | undefined;
}

export function queueRows(latest: QueueSample, baseline: QueueSample | undefined): QueueRow[] {
  const seconds = baseline === undefined ? 0 : (latest.monotonicMs - baseline.monotonicMs) / 1_000;
  const before = seconds > 0 ? baseline : undefined;
  return latest.depths.map((depth) => {
    const previous = before?.depths.find((candidate) => candidate.queue === depth.queue);
    const unackedCounts = reported(latest.processes, depth.queue)
      .map((counts) => counts.unacked)
      .filter((value) => value !== undefined);
    return {
      queue: depth.queue,
      found: depth.found,
      ready: depth.found ? depth.messages : undefined,
      consumers: depth.found ? depth.consumers : undefined,
      unacked: unackedCounts.length === 0 ? undefined : unackedCounts.reduce((sum, value) => sum + value, 0),
      inPerSecond:
        before === undefined ? undefined : counterRate(latest, before, depth.queue, 'received', seconds),
      ackedPerSecond:
        before === undefined ? undefined : counterRate(latest, before, depth.queue, 'acked', seconds),
      depthPerSecond:
        depth.found && previous?.found === true ? (depth.messages - previous.messages) / seconds : undefined,
    };
  });
}

function reported(processes: readonly ProcessCounts[], queue: string): ConsumerCounts[] {
  return processes.flatMap((process) => {
    const counts = process.ok ? process.queues.get(queue) : undefined;
    return counts === undefined ? [] : [counts];
  });
}

function counterRate(
  latest: QueueSample,
  before: QueueSample,
  queue: string,
  counter: 'received' | 'acked',
  seconds: number,
): number | undefined {
  let total = 0;
  let reporting = 0;
  for (const process of latest.processes) {
    const now = process.ok ? process.queues.get(queue)?.[counter] : undefined;
    if (now === undefined) continue;
    reporting += 1;
    const earlier = before.processes.find((candidate) => candidate.url === process.url);
    const then = earlier?.ok === true ? earlier.queues.get(queue)?.[counter] : undefined;
    // New since the baseline, or restarted (its counter went down): everything it counted is recent.
    total += then === undefined || now < then ? now : now - then;
  }
  return reporting === 0 ? undefined : total / seconds;
}
