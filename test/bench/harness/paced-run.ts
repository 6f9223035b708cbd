// One paced latency run: publish at the rate (confirms are collected, not awaited in between, so the
// pacer never waits on the broker), then wait until every message reached its handler.
import type { PacedLatencyFigures } from './figures.ts';
import type { LatencyRecorder } from './latency-recorder.ts';
import { pace } from './pacer.ts';

export interface PacedRunOptions {
  rate: number;
  total: number;
  latencies: LatencyRecorder;
}

export async function pacedRun(
  { rate, total, latencies }: PacedRunOptions,
  publish: (n: number) => Promise<unknown>,
): Promise<PacedLatencyFigures> {
  const confirms: Promise<unknown>[] = [];
  const startedAt = performance.now();
  await pace({ rate, total }, (n) => {
    const confirm = publish(n);
    // Observed now so that a failure is not an unhandled rejection; Promise.all below reports it.
    confirm.catch(() => undefined);
    confirms.push(confirm);
  });
  // The first message goes out at 0 s and the last at (total − 1) / rate.
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const achievedRate = total > 1 && elapsedSeconds > 0 ? (total - 1) / elapsedSeconds : rate;
  await Promise.all(confirms);
  await latencies.done;
  return { ...latencies.summary(), achievedRate };
}
