// Schedulers in-process with names of their own per test: a private database, lease bucket and
// queue, a tenant no other test uses, and cleanup of everything in reverse order.
import { trace } from '@opentelemetry/api';
import amqp from 'amqplib';
import { Bus, Exchange, Header } from '@conveyor/bus';
import { jobRequested } from '@conveyor/contracts';
import { readConfig, startScheduler, type Scheduler, type SchedulerDeps } from '@conveyor/scheduler';
import {
  scheduleRunRecord,
  scheduleRunsCollection,
  schedulesCollection,
  type ScheduleRun,
} from '@conveyor/schedules';
import { connectStore, type Store } from '@conveyor/store';
import { connect, NatsError, type NatsConnection } from 'nats';
import { pino, type Logger } from 'pino';
import { serverUrls, uniqueName } from '../../support/index.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

/** Short lease and tick keep takeover and firing quick; the per-test settings override these. */
export const LEASE_MS = 1_500;
const testSettings: Record<string, string> = {
  LEASE_MS: String(LEASE_MS),
  TICK_MS: '100',
  REPORT_DAILY_ENABLED: 'false',
  SWEEP_INTERVAL_MS: '3600000',
  LOG_LEVEL: 'silent',
};

/** A document whose _id the test chooses (the driver's default _id type is ObjectId). */
export interface StringIdDocument {
  _id: string;
  [field: string]: unknown;
}

export interface ReceivedMessage {
  messageId: string;
  type: string;
  tenant: unknown;
  priority: number | undefined;
  causationId: unknown;
  attempt: unknown;
  body: Record<string, unknown>;
}

export interface RunningScheduler {
  scheduler: Scheduler;
  /** Its own NATS connection, as another process would have: closing it cuts that scheduler off. */
  nats: NatsConnection;
}

export interface ScheduleInput {
  cron: string;
  overlap?: 'skip' | 'allow';
  misfire?: 'fire-once' | 'skip';
  createdAt?: Date;
  jobType?: string;
  priority?: number;
}

export class SchedulerFixture {
  /** Every message and document of the test carries this tenant, so parallel tests never mix. */
  readonly tenant = uniqueName('sched');
  readonly dbName = uniqueName('conveyor_sched');
  readonly bucket = uniqueName('sched-lease');
  readonly #cleanups: (() => Promise<unknown>)[] = [];
  /** Stopped before anything else is cleaned up, so none of them acts on a half-removed setup. */
  readonly #schedulers: Scheduler[] = [];
  #store: Store | undefined;
  #bus: Bus | undefined;

  async store(): Promise<Store> {
    if (this.#store !== undefined) return this.#store;
    const store = await connectStore({
      url: serverUrls().mongoUrl,
      dbName: this.dbName,
      logger: silentLogger,
      appName: 'scheduler-test',
    });
    this.#cleanups.push(async () => {
      await store.db.dropDatabase();
      await store.close();
    });
    this.#store = store;
    return store;
  }

  async bus(): Promise<Bus> {
    if (this.#bus !== undefined) return this.#bus;
    const bus = await Bus.connect({
      url: serverUrls().amqpUrl,
      serviceName: 'scheduler-test',
      logger: silentLogger,
      tracer: trace.getTracer('scheduler-test'),
    });
    this.#cleanups.push(() => bus.close());
    this.#bus = bus;
    return bus;
  }

  /**
   * Starts a scheduler on its own NATS connection; stopped (and its bucket deleted) at cleanup. With
   * `deadLetters`, it archives the `.dlq` of each `DEAD_LETTER_QUEUES` queue too.
   */
  async start(
    settings: Record<string, string> = {},
    extra: Pick<SchedulerDeps, 'deadLetters'> = {},
  ): Promise<RunningScheduler> {
    const bucket = settings.LEADER_BUCKET ?? this.bucket;
    const config = readConfig({
      ...testSettings,
      MONGO_URL: serverUrls().mongoUrl,
      MONGO_DB: this.dbName,
      LEADER_BUCKET: bucket,
      ...settings,
    });
    const nats = await connect({ servers: serverUrls().natsUrl, name: uniqueName('scheduler-test') });
    this.#cleanups.push(async () => {
      if (!nats.isClosed()) await nats.close();
    });
    this.#cleanups.push(() => deleteBucket(bucket));
    const scheduler = await startScheduler({
      config,
      bus: await this.bus(),
      store: await this.store(),
      nats,
      logger: silentLogger,
      ...extra,
    });
    this.#schedulers.push(scheduler);
    return { scheduler, nats };
  }

  /**
   * Collects the messages of this test's tenant routed by `pattern` on the events exchange, on a
   * private queue (exclusive, deleted with its connection), without de-duplication: a message
   * published twice is received twice.
   */
  async collect(pattern: string = `${jobRequested.name}.#`): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    const connection = await amqp.connect(serverUrls().amqpUrl);
    this.#cleanups.push(() => connection.close());
    const channel = await connection.createChannel();
    await channel.assertExchange(Exchange.events, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, Exchange.events, pattern);
    await channel.consume(
      queue,
      (message) => {
        if (message === null) return;
        const headers: Record<string, unknown> = message.properties.headers ?? {};
        if (headers[Header.tenant] !== this.tenant) return;
        received.push({
          messageId: String(message.properties.messageId),
          type: String(message.properties.type),
          tenant: headers[Header.tenant],
          priority: message.properties.priority as number | undefined,
          causationId: headers[Header.causationId],
          attempt: headers[Header.attempt],
          body: JSON.parse(message.content.toString('utf8')) as Record<string, unknown>,
        });
      },
      { noAck: true },
    );
    return received;
  }

  /** Stores a schedule the way the gateway's API would; returns its id. */
  async insertSchedule(input: ScheduleInput): Promise<string> {
    const id = uniqueName('schedule');
    const store = await this.store();
    await store.db.collection<StringIdDocument>(schedulesCollection).insertOne({
      _id: id,
      tenantId: this.tenant,
      name: `test schedule ${id}`,
      cron: input.cron,
      timeZone: 'UTC',
      job: {
        type: input.jobType ?? 'scheduler-test.tick',
        payload: { scheduleId: id },
        priority: input.priority ?? 3,
      },
      overlap: input.overlap ?? 'allow',
      misfire: input.misfire ?? 'fire-once',
      paused: false,
      createdAt: input.createdAt ?? new Date(),
    });
    return id;
  }

  /** The schedule's run records, oldest fire time first. */
  async runs(scheduleId: string): Promise<ScheduleRun[]> {
    const store = await this.store();
    const documents = await store.db
      .collection(scheduleRunsCollection)
      .find({ tenantId: this.tenant, scheduleId })
      .sort({ fireTime: 1 })
      .toArray();
    return documents.map((document) => scheduleRunRecord.parse(document));
  }

  async firedRuns(scheduleId: string): Promise<ScheduleRun[]> {
    return (await this.runs(scheduleId)).filter((run) => run.status !== 'skipped');
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.#schedulers.splice(0).map((scheduler) => scheduler.stop()));
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup();
  }
}

/** Fire times one second apart with none missing: every fire time ran, once. */
export function secondsApart(runs: readonly ScheduleRun[]): number[] {
  return runs.slice(1).map((run, index) => run.fireTime.getTime() - (runs[index]?.fireTime.getTime() ?? 0));
}

async function deleteBucket(bucket: string): Promise<void> {
  const nc = await connect({ servers: serverUrls().natsUrl, name: uniqueName('scheduler-test-cleanup') });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(`KV_${bucket}`).catch((error: unknown) => {
      // JSStreamNotFoundErr: deleted already (two schedulers share a bucket) or never created.
      if (!(error instanceof NatsError && error.api_error?.err_code === 10059)) throw error;
    });
  } finally {
    await nc.close();
  }
}
