// What every service process opens before its own wiring, in one place: the logger, tracing, the
// MongoDB store (indexes ensured), the metrics registry and the instrumented bus; and the readiness
// checks and the close order that go with them. A service's main.ts adds only what is its own.
import { Bus } from '@conveyor/bus';
import { countedIn, createMetrics, instrumentBus, type Metrics } from '@conveyor/metrics';
import { connectStore, type Store } from '@conveyor/store';
import { createLogger, processTelemetry, type Telemetry } from '@conveyor/telemetry';
import type { Logger } from 'pino';
import { DependencyUnavailableError } from './dependency-unavailable-error.ts';
import { exitOnFatalErrors } from './exit-on-fatal-errors.ts';
import { readyUnless, type ReadinessCheck } from './readiness.ts';

export interface ServiceRuntimeConfig {
  AMQP_URL: string;
  EXCHANGE_PREFIX: string;
  MONGO_URL: string;
  MONGO_DB: string;
  LOG_LEVEL: string;
  INSTANCE_ID: string;
  /** Counts every MongoDB command (conveyor_mongodb_commands_total); costs a decode per reply. */
  MONGO_COMMAND_METRICS?: boolean;
  /** Every consumer host's stop budget; main.ts gives stopOnSignals the same. */
  SHUTDOWN_TIMEOUT_MS: number;
}

export interface ServiceRuntime {
  logger: Logger;
  telemetry: Telemetry;
  store: Store;
  /** Publishes are counted and consumer hosts measured (see @conveyor/metrics). */
  bus: Bus;
  metrics: Metrics;
  /** Broker and database reachable: the checks every /readyz starts from. */
  readiness: Record<string, ReadinessCheck>;
  /** Closes the bus (consumers first), the store, then flushes telemetry. Idempotent. */
  close(): Promise<void>;
}

export interface ServiceRuntimeOptions {
  rpcTimeoutMs?: number;
}

export async function openServiceRuntime(
  serviceName: string,
  config: ServiceRuntimeConfig,
  options: ServiceRuntimeOptions = {},
): Promise<ServiceRuntime> {
  const logger = createLogger({ name: serviceName, level: config.LOG_LEVEL });
  // From here on a failure (this start-up's included) is a JSON line and an exit code, not a stack trace.
  exitOnFatalErrors(logger);
  // The SDK itself was started by the preload, from the OTEL_* environment (see @conveyor/telemetry).
  const telemetry = processTelemetry(serviceName, logger);
  const metrics = createMetrics({ defaultLabels: { service: serviceName } });
  const store = await connectStore({
    url: config.MONGO_URL,
    dbName: config.MONGO_DB,
    logger,
    appName: serviceName,
    // No tracer: the MongoDB instrumentation the preload enables makes the command spans.
    ...(config.MONGO_COMMAND_METRICS === true ? { onCommand: countedIn(metrics) } : {}),
  }).catch((error: unknown) => {
    throw new DependencyUnavailableError('database', config.MONGO_URL, error);
  });
  await store.ensureIndexes();
  const connected = await Bus.connect({
    url: config.AMQP_URL,
    exchangePrefix: config.EXCHANGE_PREFIX,
    serviceName,
    instanceId: config.INSTANCE_ID,
    logger,
    tracer: telemetry.tracer,
    rpcTimeoutMs: options.rpcTimeoutMs,
    stopTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  }).catch(async (error: unknown) => {
    await store.close();
    throw new DependencyUnavailableError('broker', config.AMQP_URL, error);
  });
  const bus = instrumentBus(connected, metrics);
  let closing: Promise<void> | undefined;
  return {
    logger,
    telemetry,
    store,
    bus,
    metrics,
    readiness: {
      broker: () => readyUnless(bus.notReadyReasons()),
      database: async () => {
        await store.ping();
        return true;
      },
      // Deliveries held while inbox writes fail: not ready, and /readyz says which queue and since when.
      inbox: () => readyUnless(bus.inboxNotReadyReasons()),
    },
    close() {
      closing ??= (async () => {
        await bus.close();
        await store.close();
        await telemetry.shutdown();
      })();
      return closing;
    },
  };
}
