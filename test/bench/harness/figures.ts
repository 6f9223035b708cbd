// What scenarios return: plain numbers, so that rounds can be compared and reported uniformly.
import type { LatencySummary } from '../stats.ts';
import type { CpuMeter } from './cpu-meter.ts';

export interface ThroughputFigures {
  messages: number;
  /** First publish to last message handled. */
  seconds: number;
  perSecond: number;
  /** CPU microseconds per message of this process (`bench`) and of each local server, same window. */
  cpuUsPerMessage: Record<string, number>;
}

/** Call when the last message was handled, before any cleanup. */
export async function throughputFigures(
  messages: number,
  startedAt: number,
  cpu: CpuMeter,
): Promise<ThroughputFigures> {
  const seconds = (performance.now() - startedAt) / 1000;
  const cpuSeconds = await cpu.stop();
  return {
    messages,
    seconds,
    perSecond: messages / seconds,
    cpuUsPerMessage: Object.fromEntries(
      Object.entries(cpuSeconds).map(([name, used]) => [name, (used * 1e6) / messages]),
    ),
  };
}

export interface PacedLatencyFigures extends LatencySummary {
  /** The rate the pacer achieved over the whole run, messages per second. */
  achievedRate: number;
}
