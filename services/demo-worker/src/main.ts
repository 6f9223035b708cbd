// demo-worker: wiring only. Read config, connect, start the worker, serve health, stop cleanly.
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { startDemoWorker } from './service.ts';

const serviceName = 'demo-worker';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger } = runtime;

const worker = await startDemoWorker({
  bus,
  store,
  logger,
  queueType: config.QUEUE_TYPE,
  prefetch: config.PREFETCH,
});

const health = await startHealthServer(config.HEALTH_PORT, runtime.readiness, { metrics: runtime.metrics });
logger.info({ healthPort: health.port, queue: worker.queue }, 'demo-worker ready');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await health.close();
  await worker.stop();
  await runtime.close();
});
