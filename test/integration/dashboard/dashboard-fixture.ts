// The dashboard as a real process against the real RabbitMQ, MongoDB (FerretDB) and NATS, on a
// private database and queues, beside the pieces a test needs to give it something to show: a worker
// (a consumer host whose handler the test breaks and fixes), the dead-letter archiver, and a /metrics
// endpoint for that worker, which the dashboard reads for unacked counts and rates.
import { randomBytes } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { Exchange, type Bus } from '@conveyor/bus';
import { PermanentError } from '@conveyor/contracts';
import { createDeadLetterArchiver } from '@conveyor/dead-letters';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { createMetrics, instrumentBus } from '@conveyor/metrics';
import { startHealthServer } from '@conveyor/runtime';
import { createDeadLetterStore, createInbox, type DeadLetterStore, type Store } from '@conveyor/store';
import { serverUrls, uniqueName } from '../../support/index.ts';
import {
  freePort,
  startServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from '../../e2e/service-process.ts';
import { deleteQueues, fastTiers, openBus, silentLogger, uniqueTaskType } from '../bus/bus-fixture.ts';
import { effectLedger, openTestStore, type EffectLedger } from '../bus/store-fixture.ts';

export const traceUiUrl = 'http://traces.example.test/trace';

export interface DashboardFixture {
  url: string;
  adminKey: string;
  store: Store;
  bus: Bus;
  events: EventsClient;
  deadLetters: DeadLetterStore;
  /** The worker's queue: its handler fails for good for every n in `broken`, and records the others. */
  queue: string;
  /** A queue nobody consumes, to show ready messages. */
  idleQueue: string;
  broken: Set<number>;
  /** Holds the handler's run of task n until released, to show an unacked delivery. */
  hold(n: number): { started: Promise<void>; release(): void };
  /** What the handler did: one record per message it processed. */
  ledger: EffectLedger;
  publish(n: number): Promise<{ messageId: string }>;
  /** The dashboard's log lines, for a failing test's message. */
  logs(): string;
  cleanUp(): Promise<void>;
}

/** `env` is added to the dashboard process's environment (e.g. a small LOGIN_FAILURE_BURST). */
export async function openDashboardFixture(env: Record<string, string> = {}): Promise<DashboardFixture> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const { store, dbName, drop } = await openTestStore();
    cleanups.push(drop);
    const queue = uniqueName('dashboard.tasks');
    const idleQueue = uniqueName('dashboard.idle');
    cleanups.push(() => deleteQueues(queue, idleQueue));
    const metrics = createMetrics({
      defaultLabels: { service: 'dashboard-test-worker' },
      processMetrics: false,
    });
    const bus = instrumentBus(await openBus(uniqueName('dashboard-test')), metrics);
    cleanups.push(() => bus.close());
    const type = uniqueTaskType();
    const broken = new Set<number>();
    const holds = new Map<number, { started: () => void; released: Promise<void> }>();
    const ledger = effectLedger(store.db.collection<{ _id: string }>('handler_effects'));
    await bus
      .consumer({
        queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
        inbox: createInbox(store),
        retry: { maxAttempts: 2, tiers: fastTiers },
      })
      .on(type, async (message) => {
        const hold = holds.get(message.body.n);
        if (hold !== undefined) {
          hold.started();
          await hold.released;
        }
        if (broken.has(message.body.n))
          throw new PermanentError('BROKEN', `task ${message.body.n} hit a bug`);
        await ledger.apply(message.envelope.messageId);
      })
      .start();
    const idle = await bus.connection.ready().then((model) => model.createChannel());
    await idle.assertQueue(idleQueue, { durable: true });
    await idle.close();

    const deadLetters = createDeadLetterStore(store);
    const archiver = createDeadLetterArchiver({
      connection: bus.connection,
      deadLetters,
      logger: silentLogger,
      queues: [queue],
    });
    await archiver.start();
    cleanups.push(() => archiver.stop());
    const metricsServer = await startHealthServer(0, {}, { metrics, host: '127.0.0.1' });
    cleanups.push(() => metricsServer.close());
    const events = await connectEvents({
      servers: serverUrls().natsUrl,
      name: uniqueName('dashboard-test'),
      logger: silentLogger,
      tracer: trace.getTracer('dashboard-test'),
    });
    cleanups.push(() => events.close());

    const adminKey = `test-admin-key-${randomBytes(12).toString('hex')}`;
    const port = await freePort();
    const { amqpUrl, mongoUrl, natsUrl } = serverUrls();
    const dashboard: ServiceProcess = startServiceProcess(
      'dashboard',
      'dashboard',
      {
        AMQP_URL: amqpUrl,
        MONGO_URL: mongoUrl,
        MONGO_DB: dbName,
        NATS_URL: natsUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        DASHBOARD_ADMIN_KEY: adminKey,
        TRACE_UI_URL: traceUiUrl,
        DASHBOARD_QUEUES: [queue, idleQueue].join(','),
        METRICS_URLS: `http://127.0.0.1:${metricsServer.port}/metrics`,
        PROGRESS_POLL_MS: '300',
        LOG_LEVEL: 'info',
        ...env,
      },
      port,
    );
    cleanups.push(() => dashboard.stop());
    await waitUntilReady(dashboard, 45_000);

    return {
      url: `http://127.0.0.1:${port}`,
      adminKey,
      store,
      bus,
      events,
      deadLetters,
      queue,
      idleQueue,
      broken,
      hold(n) {
        const started = Promise.withResolvers<undefined>();
        const released = Promise.withResolvers<undefined>();
        holds.set(n, {
          started: () => started.resolve(undefined),
          released: released.promise.then(() => undefined),
        });
        cleanups.push(() => {
          released.resolve(undefined);
          return Promise.resolve();
        });
        return { started: started.promise.then(() => undefined), release: () => released.resolve(undefined) };
      },
      ledger,
      publish: (n) =>
        bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n } }),
      logs: () => dashboard.logs.slice(-40).join('\n'),
      cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
