// scheduler: wiring only. Read config, connect (RabbitMQ, MongoDB, NATS), start the scheduler (with
// its dead-letter archiving), serve health, stop cleanly.
import { connectEvents } from '@conveyor/events';
import { openServiceRuntime, readConfigOrExit, startHealthServer, stopOnSignals } from '@conveyor/runtime';
import { readConfig } from './config.ts';
import { startScheduler } from './service.ts';

const serviceName = 'scheduler';
const config = readConfigOrExit(serviceName, readConfig);
const runtime = await openServiceRuntime(serviceName, config);
const { bus, store, logger, metrics } = runtime;
const events = await connectEvents({
  servers: config.NATS_URL,
  name: `${serviceName}#${config.INSTANCE_ID}`,
  logger,
  tracer: runtime.telemetry.tracer,
});

const scheduler = await startScheduler({
  config,
  bus,
  store,
  nats: events.connection,
  logger,
  deadLetters: { connection: bus.connection, exchanges: bus.exchanges, metrics },
});

const health = await startHealthServer(
  config.HEALTH_PORT,
  {
    ...runtime.readiness,
    nats: () => events.isConnected(),
    // Letters are held in their .dlq while storage fails; say so rather than look healthy.
    ...(scheduler.deadLetterArchive === undefined ? {} : { deadLetterArchive: scheduler.deadLetterArchive }),
  },
  { details: () => ({ leader: scheduler.isLeader() }), metrics },
);
logger.info({ healthPort: health.port }, 'scheduler ready');

stopOnSignals(logger, { timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, async () => {
  await health.close();
  await scheduler.stop();
  await events.close();
  await runtime.close();
});
