// Latency baseline: raw amqplib (host guarantees) at a fixed publish rate, publish → handler per
// message, 4 consumers × prefetch 100.
import { uniqueName } from '../../support/index.ts';
import { readBenchBody } from '../harness/bench-body.ts';
import { withinDeadline } from '../harness/deadline.ts';
import type { PacedLatencyFigures } from '../harness/figures.ts';
import { latencyRecorder } from '../harness/latency-recorder.ts';
import { pacedRun } from '../harness/paced-run.ts';
import { openRawRig } from '../harness/raw-rig.ts';

export interface PacedLatencyOptions {
  amqpUrl: string;
  /** Messages per second. */
  rate: number;
  seconds: number;
  consumers: number;
  prefetch: number;
  timeoutMs: number;
}

export async function rawPacedLatency(options: PacedLatencyOptions): Promise<PacedLatencyFigures> {
  const rig = await openRawRig({ ...options, queue: uniqueName('bench.raw-paced') });
  try {
    const total = Math.max(1, Math.round(options.rate * options.seconds));
    const latencies = latencyRecorder(total);
    await rig.consume((body) => {
      const { n, sentAt } = readBenchBody(body);
      latencies.record(n, sentAt);
    });
    return await withinDeadline(
      pacedRun({ rate: options.rate, total, latencies }, (n) =>
        rig.publish({ n, sentAt: performance.now() }),
      ),
      options.timeoutMs,
      `${total} paced raw amqplib messages handled`,
    );
  } finally {
    await rig.close();
  }
}
