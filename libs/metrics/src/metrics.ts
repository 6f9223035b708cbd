// One Prometheus registry per process and the Conveyor metrics in it. Other metrics of the process
// (the gateway's HTTP counters) register into `registry`, so one scrape shows everything.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ConsumerStatsSources } from './consumer-stats-sources.ts';
import { QueueDepthSources } from './queue-depth-sources.ts';

export type HandlerLabel = 'queue' | 'type' | 'outcome';
export type PublishLabel = 'type' | 'outcome';
export type DatabaseCommandLabel = 'command' | 'collection';

export interface MetricsOptions {
  /** Labels on every sample, e.g. `{ service: 'job-worker' }`. */
  defaultLabels?: Record<string, string>;
  /** prom-client's process and Node.js metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
}

export interface Metrics {
  readonly registry: Registry;
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
  /** The Prometheus text exposition; sources are read now (stats, then queue depths). */
  render(): Promise<string>;
  /** conveyor_handler_duration_seconds{queue,type,outcome}: see `timed`. */
  readonly handlerDuration: Histogram<HandlerLabel>;
  /** conveyor_messages_published_total{type,outcome}: see `countedPublish`. */
  readonly published: Counter<PublishLabel>;
  /** conveyor_mongodb_commands_total{command,collection}: every round trip to the database. */
  readonly databaseCommands: Counter<DatabaseCommandLabel>;
  /** The consumer hosts whose stats are exposed: see `observeConsumerHost`. */
  readonly consumers: ConsumerStatsSources;
  /** The queues whose depth is read at scrape time: see `observeQueueDepth`. */
  readonly queues: QueueDepthSources;
}

/** Handler runs range from milliseconds (an echo) to minutes (a report). */
const handlerBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultLabels !== undefined) registry.setDefaultLabels(options.defaultLabels);
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const handlerDuration = new Histogram<HandlerLabel>({
    name: 'conveyor_handler_duration_seconds',
    help: 'Time a message handler ran, by queue, message type and outcome (ok or error).',
    labelNames: ['queue', 'type', 'outcome'],
    buckets: handlerBuckets,
    registers: [registry],
  });
  const published = new Counter<PublishLabel>({
    name: 'conveyor_messages_published_total',
    help: 'Messages published by this process, by type and outcome (confirmed or failed).',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const databaseCommands = new Counter<DatabaseCommandLabel>({
    name: 'conveyor_mongodb_commands_total',
    help: 'Commands this process sent to MongoDB (round trips), by command and collection.',
    labelNames: ['command', 'collection'],
    registers: [registry],
  });
  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    handlerDuration,
    published,
    databaseCommands,
    consumers: new ConsumerStatsSources(registry),
    queues: new QueueDepthSources(registry),
  };
}
