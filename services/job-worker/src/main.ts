// job-worker: wiring only. Read config, connect, start the job worker, serve health, stop cleanly.
import { connectEvents, type EventsClient } from '@conveyor/events';
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { startJobWorker } from './service.ts';

const serviceName = 'job-worker';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger, telemetry } = runtime;
// Live progress and immediate cancels are best-effort: without NATS a cancel is seen at the next progress.
const events: EventsClient | null = await connectEvents({
  servers: config.NATS_URL,
  name: serviceName,
  logger,
  tracer: telemetry.tracer,
}).catch((error: unknown) => {
  logger.warn({ err: error }, 'NATS unavailable: running without live progress and immediate cancels');
  return null;
});

const worker = await startJobWorker({
  bus,
  store,
  events,
  logger,
  instanceId: config.INSTANCE_ID,
  queue: config.JOBS_QUEUE,
  queueType: config.QUEUE_TYPE,
  prefetch: config.PREFETCH,
  handlerTimeoutMs: config.HANDLER_TIMEOUT_MS,
});

const health = await startHealthServer(config.HEALTH_PORT, runtime.readiness, { metrics: runtime.metrics });
logger.info({ healthPort: health.port, queue: worker.queue }, 'job-worker ready');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await health.close();
  await worker.stop();
  await events?.close();
  await runtime.close();
});
