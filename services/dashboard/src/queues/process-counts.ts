// What each worker process says about its consumers, from its /metrics: deliveries received and acked
// (counters) and unacked right now (gauge), per queue. A process that does not answer in time is
// reported as such; the page says how many answered.
import { errorMessage } from '@conveyor/contracts';
import { queueSamples } from './prometheus-samples.ts';

export interface ConsumerCounts {
  received: number;
  acked: number;
  /** Undefined when the process does not export conveyor_messages_unacked (an older build). */
  unacked: number | undefined;
}

export type ProcessCounts =
  | { url: string; ok: true; queues: ReadonlyMap<string, ConsumerCounts> }
  | { url: string; ok: false; problem: string };

const metricNames: Record<string, keyof ConsumerCounts> = {
  conveyor_messages_received_total: 'received',
  conveyor_messages_acked_total: 'acked',
  conveyor_messages_unacked: 'unacked',
};
const wanted: ReadonlySet<string> = new Set(Object.keys(metricNames));

export async function readProcessCounts(url: string, timeoutMs: number): Promise<ProcessCounts> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { url, ok: false, problem: `answered ${response.status}` };
    return { url, ok: true, queues: countsByQueue(await response.text()) };
  } catch (error) {
    return {
      url,
      ok: false,
      problem: errorMessage(error instanceof Error && error.cause !== undefined ? error.cause : error),
    };
  }
}

export function countsByQueue(text: string): Map<string, ConsumerCounts> {
  const queues = new Map<string, ConsumerCounts>();
  for (const { metric, queue, value } of queueSamples(text, wanted)) {
    const counts = queues.get(queue) ?? { received: 0, acked: 0, unacked: undefined };
    const field = metricNames[metric];
    if (field === 'unacked') counts.unacked = (counts.unacked ?? 0) + value;
    else if (field !== undefined) counts[field] += value;
    queues.set(queue, counts);
  }
  return queues;
}
