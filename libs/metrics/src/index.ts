// @conveyor/metrics: one Prometheus registry per process with the Conveyor metrics (messages per queue,
// handler durations, publishes, queue depth), and the wiring helpers that feed it.
export {
  createMetrics,
  type Metrics,
  type MetricsOptions,
  type HandlerLabel,
  type PublishLabel,
  type DatabaseCommandLabel,
} from './metrics.ts';
export { observeConsumerHost, observeQueueDepth } from './observe.ts';
export type { ObservableConsumerHost } from './consumer-stats-sources.ts';
export type { QueueDepthSource } from './queue-depth-sources.ts';
export { readQueueDepths, type QueueDepth } from './queue-depths.ts';
export { timed } from './timed-handler.ts';
export { countedPublish, type PublishFunction } from './counted-publish.ts';
export { instrumentBus } from './instrument-bus.ts';
export { countedIn, type CountedCommand } from './counted-commands.ts';
