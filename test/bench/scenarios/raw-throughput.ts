// Baseline: raw amqplib with the host's guarantees, N messages published through a confirm window
// and consumed by 4 connections × prefetch 100, timed from the first publish to the last ack.
import { uniqueName } from '../../support/index.ts';
import { publishWindowed } from '../harness/confirm-window.ts';
import { countdown } from '../harness/countdown.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { startCpuMeter } from '../harness/cpu-meter.ts';
import { throughputFigures, type ThroughputFigures } from '../harness/figures.ts';
import { openRawRig } from '../harness/raw-rig.ts';

export interface ThroughputOptions {
  amqpUrl: string;
  messages: number;
  consumers: number;
  prefetch: number;
  timeoutMs: number;
}

export async function rawThroughput(options: ThroughputOptions): Promise<ThroughputFigures> {
  const { messages } = options;
  const rig = await openRawRig({ ...options, queue: uniqueName('bench.raw') });
  try {
    const handled = countdown(messages);
    await rig.consume(() => {
      handled.tick();
    });
    const cpu = await startCpuMeter();
    const startedAt = performance.now();
    const run = async () => {
      await publishWindowed(messages, (n) => rig.publish({ n, sentAt: performance.now() }));
      await handled.done;
    };
    await withinDeadline(run(), options.timeoutMs, `${messages} raw amqplib messages handled`);
    return await throughputFigures(messages, startedAt, cpu);
  } finally {
    await rig.close();
  }
}
