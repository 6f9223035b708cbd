// notifier: wiring only. Read config, connect, start the consumer, serve health, stop cleanly.
import { defaultRetryPolicy } from '@conveyor/bus';
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { startNotifier } from './notifier.ts';
import { notifierQueue } from './topology.ts';

const serviceName = 'notifier';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger } = runtime;

const notifier = await startNotifier({
  config,
  bus,
  store,
  logger,
  tracer: runtime.telemetry.tracer,
  queue: { ...notifierQueue, name: config.ORDER_EVENTS_QUEUE, type: config.QUEUE_TYPE },
  handlerTimeoutMs: config.HANDLER_TIMEOUT_MS,
  retry: { ...defaultRetryPolicy, tiers: config.RETRY_TIERS ?? defaultRetryPolicy.tiers },
});

const health = await startHealthServer(config.HEALTH_PORT, runtime.readiness, { metrics: runtime.metrics });
logger.info({ healthPort: health.port, queue: notifier.queue }, 'notifier ready');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await health.close();
  await notifier.stop();
  await runtime.close();
});
