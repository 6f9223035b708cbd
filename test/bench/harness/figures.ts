// What scenarios return: plain numbers, so that rounds can be compared and reported uniformly.
import type { LatencySummary } from '../stats.ts';

export interface ThroughputFigures {
  messages: number;
  /** First publish to last message handled. */
  seconds: number;
  perSecond: number;
}

export function throughputFigures(messages: number, startedAt: number): ThroughputFigures {
  const seconds = (performance.now() - startedAt) / 1000;
  return { messages, seconds, perSecond: messages / seconds };
}

export interface PacedLatencyFigures extends LatencySummary {
  /** The rate the pacer achieved over the whole run, messages per second. */
  achievedRate: number;
}
