// Does priority work under a backlog? A classic priority queue holds many low-priority messages;
// consumer hosts (no inbox; small prefetch, a 1 ms handler) drain it, and a few high-priority messages
// published during the drain are timed publish → handled. Without priority each would wait for the
// backlog ahead of it: the FIFO estimate (backlog ÷ drain rate) is reported beside the measured wait.
import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName } from '../../support/index.ts';
import { publishWindowed } from '../harness/confirm-window.ts';
import { openConveyorRig } from '../harness/conveyor-rig.ts';
import { countdown } from '../harness/countdown.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { latencyRecorder } from '../harness/latency-recorder.ts';
import { pace } from '../harness/pacer.ts';
import type { LatencySummary } from '../stats.ts';

export interface PriorityProbeOptions {
  amqpUrl: string;
  lowMessages: number;
  highMessages: number;
  consumers: number;
  prefetch: number;
  handlerMs: number;
  /** Gap between two high-priority publishes. */
  highIntervalMs: number;
  timeoutMs: number;
}

export interface PriorityProbeFigures extends LatencySummary {
  lowMessages: number;
  highMessages: number;
  /** Low-priority messages handled per second over the whole drain (first to last handled). */
  drainPerSecond: number;
  /** Low-priority messages still queued (or in flight) when the first high one was published. */
  backlogAtFirstHigh: number;
  /** Low-priority messages not yet handled when the last high one was: > 0 means it overtook them. */
  backlogAtLastHigh: number;
  /** What a high-priority message would have waited in FIFO order: backlogAtFirstHigh ÷ drain rate. */
  fifoWaitEstimateMs: number;
}

const lowPriority = 1;
const highPriority = 8;

export async function priorityProbe(options: PriorityProbeOptions): Promise<PriorityProbeFigures> {
  const { lowMessages, highMessages } = options;
  const rig = await openConveyorRig({ ...options, queue: uniqueName('bench.priority') });
  try {
    await rig.declare();
    const lowHandled = countdown(lowMessages);
    // High-priority publishing starts once a tenth of the backlog is handled: mid-drain, warmed up.
    const warmedUp = countdown(Math.max(1, Math.ceil(lowMessages / 10)));
    const high = latencyRecorder(highMessages);
    let firstLowAt = Number.NaN;
    let lastLowAt = Number.NaN;
    let backlogAtLastHigh = Number.NaN;
    const probe = async (): Promise<PriorityProbeFigures> => {
      await publishWindowed(lowMessages, (n) =>
        rig.publish({ n, sentAt: performance.now() }, { priority: lowPriority }),
      );
      // Not awaited before the warm-up: the first consumer instances drain the backlog while the
      // others still declare their topology, and a small backlog is gone before the last one starts.
      const consuming = rig.consume(async ({ body, envelope }) => {
        await sleep(options.handlerMs);
        if (envelope.priority >= highPriority) {
          high.record(body.n, body.sentAt);
          if (high.count() === highMessages) backlogAtLastHigh = lowMessages - lowHandled.count();
          return;
        }
        lastLowAt = performance.now();
        if (Number.isNaN(firstLowAt)) firstLowAt = lastLowAt;
        lowHandled.tick();
        warmedUp.tick();
      });
      await Promise.all([consuming, warmedUp.done]);
      const backlogAtFirstHigh = lowMessages - lowHandled.count();
      const confirms: Promise<unknown>[] = [];
      await pace({ rate: 1000 / options.highIntervalMs, total: highMessages }, (n) => {
        const confirm = rig.publish({ n, sentAt: performance.now() }, { priority: highPriority });
        confirm.catch(() => undefined);
        confirms.push(confirm);
      });
      await Promise.all(confirms);
      await high.done;
      await lowHandled.done;
      const drainPerSecond = (lowMessages - 1) / ((lastLowAt - firstLowAt) / 1000);
      return {
        ...high.summary(),
        lowMessages,
        highMessages,
        drainPerSecond,
        backlogAtFirstHigh,
        backlogAtLastHigh,
        fifoWaitEstimateMs: (backlogAtFirstHigh / drainPerSecond) * 1000,
      };
    };
    return await withinDeadline(probe(), options.timeoutMs, `${highMessages} high-priority messages handled`);
  } finally {
    await rig.close();
  }
}
