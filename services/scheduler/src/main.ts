// scheduler: wiring only. Read config, connect (RabbitMQ, MongoDB, NATS), start the scheduler and the
// dead-letter archiver, serve health, stop cleanly.
import { Exchange, deadLetterQueueName } from '@conveyor/bus';
import { createDeadLetterArchiver } from '@conveyor/dead-letters';
import { connectEvents } from '@conveyor/events';
import { observeQueueDepth } from '@conveyor/metrics';
import {
  notReady,
  openServiceRuntime,
  readConfigOrExit,
  startHealthServer,
  stopOnSignals,
} from '@conveyor/runtime';
import { createDeadLetterStore } from '@conveyor/store';
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

const scheduler = await startScheduler({ config, bus, store, nats: events.connection, logger });
const archiver = createDeadLetterArchiver({
  connection: bus.connection,
  deadLetters: createDeadLetterStore(store),
  logger,
  queues: config.DEAD_LETTER_QUEUES,
  // What `conveyor.events` could not route reaches its alternate exchange (deploy/ sets the policy).
  unroutableExchange: Exchange.unroutable,
});
await archiver.start();
// A dead-letter queue that fills up means the archiver is falling behind.
observeQueueDepth(metrics, {
  connection: bus.connection,
  queues: [...config.DEAD_LETTER_QUEUES, Exchange.unroutable].map((queue) => deadLetterQueueName(queue)),
});

const health = await startHealthServer(
  config.HEALTH_PORT,
  {
    ...runtime.readiness,
    nats: () => events.isConnected(),
    // Letters are held in their .dlq while storage fails; say so rather than look healthy.
    deadLetterArchive: () => {
      const since = archiver.storeUnreachableSince;
      return since === undefined
        ? true
        : notReady(`dead letters are held: storage has failed since ${since.toISOString()}`);
    },
  },
  { details: () => ({ leader: scheduler.isLeader() }), metrics },
);
logger.info({ healthPort: health.port }, 'scheduler ready');

stopOnSignals(logger, async () => {
  await health.close();
  await scheduler.stop();
  await archiver.stop();
  await events.close();
  await runtime.close();
});
