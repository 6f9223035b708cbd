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
  options: {
    quoteTimeoutMs: config.QUOTE_TIMEOUT_MS,
    sseHeartbeatMs: config.SSE_HEARTBEAT_MS,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
  },
});
logger.info({ port: gateway.port }, 'gateway listening');

stopOnSignals(logger, async () => {
  await gateway.stop();
  await events.close();
  await runtime.close();
});
