// The two things a process registers with its metrics besides handlers and publishes: the consumer
// hosts whose counts to expose, and the queues whose depth to read at scrape time.
import type { ObservableConsumerHost } from './consumer-stats-sources.ts';
import type { Metrics } from './metrics.ts';
import type { QueueDepthSource } from './queue-depth-sources.ts';

/** conveyor_messages_{received,acked,retried,deferred,dead_lettered,inbox_duplicates_skipped,replied}_total. */
export function observeConsumerHost(metrics: Metrics, host: ObservableConsumerHost): void {
  metrics.consumers.add(host);
}

/** conveyor_queue_depth{queue} and conveyor_queue_consumers{queue}, checked on the broker per scrape. */
export function observeQueueDepth(metrics: Metrics, source: QueueDepthSource): void {
  metrics.queues.add(source);
}
