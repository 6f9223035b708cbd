// createWorker: a user's worker process in one call. It opens its own connections (RabbitMQ, the
// MongoDB inbox and job store, NATS when given), starts the job consumers, serves /healthz, /readyz
// and /metrics, and stops gracefully: consumers first (in-flight jobs finish or are handed back),
// then the connections.
import { trace } from '@opentelemetry/api';
import { Bus, type QueueType } from '@conveyor/bus';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { countedIn, createMetrics, instrumentBus } from '@conveyor/metrics';
import { readyUnless, startHealthServer, type HealthServer } from '@conveyor/runtime';
import { connectStore } from '@conveyor/store';
import { createLogger } from '@conveyor/telemetry';
import type { Logger } from 'pino';
import { connectionsFromEnv } from './connections/connections-from-env.ts';
import type { JobDefinition } from './define-job.ts';
import { startJobConsumers } from './start-job-consumers.ts';

export interface WorkerConnections {
  /** e.g. `amqp://guest:guest@127.0.0.1:5672` (the broker's vhost in its path). */
  amqpUrl: string;
  /** e.g. `mongodb://127.0.0.1:27017`; the database is `mongoDb`. */
  mongoUrl: string;
  /** Default `conveyor`: the database the gateway uses. */
  mongoDb?: string;
  /** Live progress and immediate cancels of running jobs; without it both go through the database only. */
  natsUrl?: string;
  /** The deployment's exchange prefix; default `conveyor`. */
  exchangePrefix?: string;
  /**
   * Count every MongoDB command on /metrics (conveyor_mongodb_commands_total), as the services do with
   * MONGO_COMMAND_METRICS; off by default, since the driver then decodes every reply once more.
   */
  mongoCommandMetrics?: boolean;
}

export interface WorkerOptions {
  /** Default: from the environment (AMQP_URL, MONGO_URL, MONGO_DB, NATS_URL, EXCHANGE_PREFIX). */
  connections?: WorkerConnections;
  jobs: readonly JobDefinition[];
  /** Names this worker in logs, the broker's connection list and the registry; `conveyor-worker`. */
  serviceName?: string;
  instanceId?: string;
  /** Port of /healthz, /readyz and /metrics: 0 picks a free one (see `healthPort`), null serves none. Default 0. */
  healthPort?: number | null;
  logger?: Logger;
  /** `classic` (default) or `quorum`. */
  queueType?: QueueType;
  /** How long stop() lets running jobs finish before handing them back; 25 000 ms. */
  stopTimeoutMs?: number;
  /** Threads for CPU-bound (`thread`) jobs; default the machine's parallelism less one. */
  threads?: number;
}

export interface Worker {
  /** Where /healthz, /readyz and /metrics are served; null when not. */
  readonly healthPort: number | null;
  readonly queues: readonly string[];
  /** Graceful: stops taking jobs, lets running ones finish (up to stopTimeoutMs), closes. Idempotent. */
  stop(): Promise<void>;
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  const serviceName = options.serviceName ?? 'conveyor-worker';
  const instanceId = options.instanceId ?? String(process.pid);
  const connections = options.connections ?? connectionsFromEnv();
  const logger =
    options.logger ?? createLogger({ name: serviceName, level: process.env['LOG_LEVEL'] ?? 'info' });
  const tracer = trace.getTracer('@conveyor/worker');
  const metrics = createMetrics({ defaultLabels: { service: serviceName } });
  const store = await connectStore({
    url: connections.mongoUrl,
    dbName: connections.mongoDb ?? 'conveyor',
    logger,
    appName: serviceName,
    ...(connections.mongoCommandMetrics === true ? { onCommand: countedIn(metrics) } : {}),
  });
  let bus: Bus | undefined;
  let events: EventsClient | null = null;
  try {
    await store.ensureIndexes();
    bus = instrumentBus(
      await Bus.connect({
        url: connections.amqpUrl,
        serviceName,
        instanceId,
        logger,
        tracer,
        exchangePrefix: connections.exchangePrefix,
        stopTimeoutMs: options.stopTimeoutMs,
      }),
      metrics,
    );
    if (connections.natsUrl !== undefined)
      events = await connectEvents({ servers: connections.natsUrl, name: serviceName, logger, tracer });
  } catch (error) {
    await events?.close();
    await bus?.close();
    await store.close();
    throw error;
  }
  const connectedBus = bus;
  const consumers = await startJobConsumers({
    bus: connectedBus,
    store,
    events,
    logger,
    jobs: options.jobs,
    registeredBy: `${serviceName}/${instanceId}`,
    queueType: options.queueType,
    threads: options.threads,
  });
  const healthPort = options.healthPort === undefined ? 0 : options.healthPort;
  const health: HealthServer | null =
    healthPort === null
      ? null
      : await startHealthServer(
          healthPort,
          {
            broker: () => readyUnless(connectedBus.notReadyReasons()),
            database: async () => {
              await store.ping();
              return true;
            },
            inbox: () => readyUnless(connectedBus.inboxNotReadyReasons()),
          },
          { metrics },
        );
  logger.info(
    { healthPort: health?.port ?? null, types: options.jobs.map((job) => job.type) },
    'worker ready',
  );
  let stopping: Promise<void> | undefined;
  return {
    healthPort: health?.port ?? null,
    queues: consumers.hosts.map((host) => host.queue),
    stop() {
      stopping ??= (async () => {
        await health?.close();
        await consumers.stop();
        await events?.close();
        await connectedBus.close();
        await store.close();
      })();
      return stopping;
    },
  };
}
