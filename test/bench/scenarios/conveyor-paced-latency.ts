// Latency of the Conveyor consumer host (no inbox) at the raw baseline's fixed rate: publish →
// handler per message, 4 consumer instances × prefetch 100.
import { uniqueName } from '../../support/index.ts';
import { openConveyorRig } from '../harness/conveyor-rig.ts';
import { withinDeadline } from '../harness/deadline.ts';
import type { PacedLatencyFigures } from '../harness/figures.ts';
import { latencyRecorder } from '../harness/latency-recorder.ts';
import { pacedRun } from '../harness/paced-run.ts';
import type { PacedLatencyOptions } from './raw-paced-latency.ts';

export async function conveyorPacedLatency(options: PacedLatencyOptions): Promise<PacedLatencyFigures> {
  const rig = await openConveyorRig({ ...options, queue: uniqueName('bench.host-paced') });
  try {
    const total = Math.max(1, Math.round(options.rate * options.seconds));
    const latencies = latencyRecorder(total);
    await rig.consume(({ body }) => {
      latencies.record(body.n, body.sentAt);
    });
    return await withinDeadline(
      pacedRun({ rate: options.rate, total, latencies }, (n) =>
        rig.publish({ n, sentAt: performance.now() }),
      ),
      options.timeoutMs,
      `${total} paced messages handled by the consumer host`,
    );
  } finally {
    await rig.close();
  }
}
