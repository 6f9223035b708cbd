// Publish→handler latencies by message index (a redelivered copy is counted once, first handling wins).
import { summarizeLatencies, type LatencySummary } from '../stats.ts';
import { countdown } from './countdown.ts';

export interface LatencyRecorder {
  record(index: number, sentAt: number): void;
  /** How many distinct messages were recorded. */
  count(): number;
  /** Resolves once every message was recorded. */
  readonly done: Promise<void>;
  summary(): LatencySummary;
}

export function latencyRecorder(total: number): LatencyRecorder {
  const latencies = new Float64Array(total).fill(Number.NaN);
  const recorded = countdown(total);
  return {
    record(index, sentAt) {
      const now = performance.now();
      if (index < 0 || index >= total || !Number.isNaN(latencies[index] ?? 0)) return;
      latencies[index] = now - sentAt;
      recorded.tick();
    },
    count: () => recorded.count(),
    done: recorded.done,
    summary: () => summarizeLatencies(Array.from(latencies).filter((value) => !Number.isNaN(value))),
  };
}
