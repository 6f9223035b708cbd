// fulfilment-worker: wiring only. Read config, connect, start the workflow consumers and the quote
// responder against the sandbox providers, serve health, stop cleanly.
import { connectEvents, type EventsClient } from '@conveyor/events';
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { createSandboxProviders, ensureSandboxIndexes } from './sandbox/sandbox-providers.ts';
import { startFulfilmentWorker } from './service.ts';

const serviceName = 'fulfilment-worker';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger, telemetry } = runtime;
// Progress events are best-effort: without NATS at start the workflow runs without them.
const events: EventsClient | undefined = await connectEvents({
  servers: config.NATS_URL,
  name: serviceName,
  logger,
  tracer: telemetry.tracer,
}).catch((error: unknown) => {
  logger.warn({ err: error }, 'NATS unavailable: running without progress events');
  return undefined;
});

await ensureSandboxIndexes(store);
const worker = await startFulfilmentWorker({
  bus,
  store,
  events,
  logger,
  providers: createSandboxProviders(
    store,
    {
      latencyMs: config.SANDBOX_LATENCY_MS,
      failureRate: {
        inventory: config.SANDBOX_INVENTORY_FAILURE_RATE,
        payment: config.SANDBOX_PAYMENT_FAILURE_RATE,
        shipping: config.SANDBOX_SHIPPING_FAILURE_RATE,
      },
      faultSkus: config.SANDBOX_FAULT_SKUS,
      // Half as long again as the deadline: the retry runs, then the overrunning call returns.
      slowCallMs: Math.round(config.HANDLER_TIMEOUT_MS * 1.5),
    },
    config.SANDBOX_MEMORY,
  ),
  queues: { orders: config.ORDERS_QUEUE, quotes: config.QUOTES_QUEUE },
  queueType: config.QUEUE_TYPE,
  ordersPrefetch: config.ORDERS_PREFETCH,
  quotesPrefetch: config.QUOTES_PREFETCH,
  maxAttempts: config.ORDER_MAX_ATTEMPTS,
  retryTiers: config.RETRY_TIERS,
  handlerTimeoutMs: config.HANDLER_TIMEOUT_MS,
  stepTimeoutMs: config.STEP_TIMEOUT_MS,
});

if (config.SANDBOX_FAULT_SKUS)
  logger.warn(
    'sandbox fault skus are on: POISON- throws, CRASH- kills this process, SLOW- overruns the deadline',
  );
const health = await startHealthServer(config.HEALTH_PORT, runtime.readiness, { metrics: runtime.metrics });
logger.info({ healthPort: health.port, ordersQueue: worker.ordersQueue }, 'fulfilment-worker ready');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await health.close();
  await worker.stop();
  await events?.close();
  await runtime.close();
});
