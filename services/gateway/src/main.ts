// gateway: wiring only. Read config, start telemetry, connect, start the API and the relay, stop cleanly.
import { connectEvents } from '@conveyor/events';
import { openServiceRuntime, readConfigOrExit, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { startGateway } from './service.ts';

const serviceName = 'gateway';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config, { rpcTimeoutMs: config.QUOTE_TIMEOUT_MS });
const { bus, store, logger, telemetry, metrics } = runtime;
const events = await connectEvents({
  servers: config.NATS_URL,
  name: serviceName,
  logger,
  tracer: telemetry.tracer,
});

const gateway = await startGateway({
  store,
  bus,
  events,
  logger,
  tracer: telemetry.tracer,
  metricsRegistry: metrics.registry,
  port: config.PORT,
  host: config.HOST,
  outboxGraceMs: config.OUTBOX_GRACE_MS,
  outboxIntervalMs: config.OUTBOX_INTERVAL_MS,
  ...(config.GATEWAY_DEV_API_KEY === undefined
    ? {}
    : { devApiKey: { key: config.GATEWAY_DEV_API_KEY, tenantId: config.GATEWAY_DEV_TENANT } }),
  options: {
    quoteTimeoutMs: config.QUOTE_TIMEOUT_MS,
    sseHeartbeatMs: config.SSE_HEARTBEAT_MS,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    rateLimit: { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST },
    authFailureLimit: { perSecond: config.AUTH_FAILURE_PER_SECOND, burst: config.AUTH_FAILURE_BURST },
    hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS,
    faultInjection: config.GATEWAY_FAULT_INJECTION,
  },
});
if (config.GATEWAY_FAULT_INJECTION)
  logger.warn('fault injection is on (GATEWAY_FAULT_INJECTION): requests may crash this process');
logger.info({ port: gateway.port }, 'gateway listening');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await gateway.stop();
  await events.close();
  await runtime.close();
});
