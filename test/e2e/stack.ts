// The whole system as real processes for end-to-end tests: gateway, fulfilment workers, notifier and
// schedulers, each started with the pinned Node, against the shared brokers with a private database,
// private queue names, a real SMTP peer and an OTLP receiver that the test reads. The gateway wants an
// API key: the stack creates one for its tenant, and api() sends it.
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { MongoClient, type Db } from 'mongodb';
import { createApiKeyStore } from '@conveyor/api-keys';
import {
  serverUrls,
  startOtlpReceiver,
  startSmtpPeer,
  uniqueName,
  type OtlpReceiver,
  type ServerUrls,
  type SmtpPeer,
} from '../support/index.ts';
import { freePort, startServiceProcess, waitUntilReady, type ServiceProcess } from './service-process.ts';

export type StackService = 'gateway' | 'fulfilment-worker' | 'notifier' | 'job-worker' | 'scheduler';

export interface StackOptions {
  fulfilmentWorkers?: number;
  schedulers?: number;
  workerEnv?: Record<string, string>;
  /** Servers other than the shared ones, e.g. the private instances of the fault suite. */
  servers?: Partial<ServerUrls>;
  /** Added to (and overriding) the environment of every process; an empty value unsets a variable. */
  commonEnv?: Record<string, string>;
  /** Added to the environment of every process of a service (after the stack's own settings). */
  serviceEnv?: Partial<Record<StackService, Record<string, string>>>;
  /**
   * The database the processes use, kept when the stack stops (a benchmark's preloaded history); by
   * default a new one per stack, dropped at stop.
   */
  database?: string;
  /** Added to the environment of one scheduler instance (index from 0), e.g. a skewed clock. */
  schedulerEnv?: (index: number) => Record<string, string>;
}

export interface StackNames {
  prefix: string;
  database: string;
  queues: { orders: string; quotes: string; notifier: string; jobs: string };
}

export interface Stack {
  gatewayUrl: string;
  /** The tenant the stack's API key acts for. */
  tenant: string;
  /** An API key of `tenant`; api() sends it, other callers send `authHeaders`. */
  apiKey: string;
  /** `Authorization: Bearer <apiKey>`, for requests made without api() (SSE with fetch...). */
  authHeaders: Record<string, string>;
  db: Db;
  smtp: SmtpPeer;
  otlp: OtlpReceiver;
  services: ServiceProcess[];
  schedulers: ServiceProcess[];
  /** The servers the processes use. */
  servers: ServerUrls;
  /** Queue and database names, for tests that look at the broker or the database directly. */
  names: StackNames;
  /**
   * Starts an exited process of the stack again with the same environment and ports, in its place in
   * `services` (and `schedulers`); does not wait for it to be ready (see waitUntilReady).
   */
  restart(service: ServiceProcess): ServiceProcess;
  /** Logs of every process, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const servers: ServerUrls = { ...serverUrls(), ...options.servers };
  const { amqpUrl, mongoUrl, natsUrl } = servers;
  const dbName = options.database ?? uniqueName('conveyor_e2e');
  const prefix = uniqueName('e2e');
  const queues = {
    orders: `${prefix}.orders`,
    quotes: `${prefix}.quotes`,
    notifier: `${prefix}.notifier`,
    jobs: `${prefix}.jobs`,
  };
  const smtp = await startSmtpPeer();
  const otlp = await startOtlpReceiver();
  const common = {
    AMQP_URL: amqpUrl,
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    NATS_URL: natsUrl,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
    // The receiver reads OTLP's JSON encoding; the SDK's default is protobuf.
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    LOG_LEVEL: 'info',
    ...options.commonEnv,
  };
  const services: ServiceProcess[] = [];
  const schedulers: ServiceProcess[] = [];
  const launchers = new Map<ServiceProcess, () => ServiceProcess>();
  // Every process is started through here, so that restart() can start it again the same way.
  const launch = (
    name: string,
    service: StackService,
    env: Record<string, string>,
    port: number,
    extraEnv: Record<string, string> = {},
  ): ServiceProcess => {
    const start = () => {
      const started = startServiceProcess(
        name,
        service,
        { ...env, ...options.serviceEnv?.[service], ...extraEnv },
        port,
      );
      launchers.set(started, start);
      return started;
    };
    return start();
  };

  const gatewayPort = await freePort();
  services.push(
    launch(
      'gateway',
      'gateway',
      {
        ...common,
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        OUTBOX_GRACE_MS: '2000',
        OUTBOX_INTERVAL_MS: '500',
        // Load tests and benchmarks push far more than a client would; the limit itself is tested in
        // test/integration/gateway.
        RATE_LIMIT_PER_SECOND: '100000',
        RATE_LIMIT_BURST: '100000',
      },
      gatewayPort,
    ),
  );
  for (let index = 0; index < (options.fulfilmentWorkers ?? 2); index += 1) {
    const port = await freePort();
    services.push(
      launch(
        `fulfilment-worker-${index + 1}`,
        'fulfilment-worker',
        {
          ...common,
          HEALTH_PORT: String(port),
          ORDERS_QUEUE: queues.orders,
          QUOTES_QUEUE: queues.quotes,
          SANDBOX_LATENCY_MS: '5',
          ORDERS_PREFETCH: '10',
          ...options.workerEnv,
        },
        port,
      ),
    );
  }
  const notifierPort = await freePort();
  services.push(
    launch(
      'notifier',
      'notifier',
      {
        ...common,
        HEALTH_PORT: String(notifierPort),
        SMTP_URL: smtp.url,
        ORDER_EVENTS_QUEUE: queues.notifier,
      },
      notifierPort,
    ),
  );
  const jobWorkerPort = await freePort();
  services.push(
    launch(
      'job-worker',
      'job-worker',
      { ...common, HEALTH_PORT: String(jobWorkerPort), JOBS_QUEUE: queues.jobs },
      jobWorkerPort,
    ),
  );
  const leaderBucket = `e2e_leader_${randomBytes(4).toString('hex')}`;
  for (let index = 0; index < (options.schedulers ?? 1); index += 1) {
    const port = await freePort();
    const scheduler = launch(
      `scheduler-${index + 1}`,
      'scheduler',
      {
        ...common,
        HEALTH_PORT: String(port),
        LEADER_BUCKET: leaderBucket,
        LEASE_MS: '2000',
        TICK_MS: '100',
        REPORT_DAILY_ENABLED: 'false',
        DEAD_LETTER_QUEUES: Object.values(queues).join(','),
      },
      port,
      options.schedulerEnv?.(index),
    );
    services.push(scheduler);
    schedulers.push(scheduler);
  }
  const mongo = await MongoClient.connect(mongoUrl);
  const tenant = 'default';
  const stack: Stack = {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    tenant,
    apiKey: '',
    authHeaders: {},
    db: mongo.db(dbName),
    smtp,
    otlp,
    services,
    schedulers,
    servers,
    names: { prefix, database: dbName, queues },
    restart(service) {
      const start = launchers.get(service);
      if (start === undefined) throw new Error(`${service.name} is not a process of this stack`);
      const started = start();
      launchers.delete(service);
      for (const list of [services, schedulers]) {
        const position = list.indexOf(service);
        if (position >= 0) list[position] = started;
      }
      return started;
    },
    logs: () =>
      services.map((service) => `--- ${service.name}\n${service.logs.slice(-40).join('\n')}`).join('\n'),
    async stop() {
      await Promise.allSettled(services.map((service) => service.stop()));
      await deleteStackQueues(amqpUrl, Object.values(queues));
      if (options.database === undefined) await mongo.db(dbName).dropDatabase();
      await mongo.close();
      await smtp.close();
      await otlp.close();
    },
  };
  try {
    for (const service of services) await waitUntilReady(service);
    // Once the gateway is ready, so that the insert does not create `api_keys` while the gateway's
    // start-up creates its indexes: FerretDB does not isolate the two.
    const { key } = await createApiKeyStore({ db: mongo.db(dbName) }).create({
      tenantId: tenant,
      label: 'e2e stack',
    });
    stack.apiKey = key;
    stack.authHeaders = { authorization: `Bearer ${key}` };
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** POST/GET against the gateway with JSON and the stack's API key, as a web application would. */
export async function api(
  stack: Stack,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${stack.gatewayUrl}${path}`, {
    method,
    headers: {
      ...stack.authHeaders,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** The stack's queues are bound to the shared exchange: left behind, they would collect every later run's events. */
async function deleteStackQueues(amqpUrl: string, queues: readonly string[]): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(`${queue}.dlq`);
    }
  } finally {
    await connection.close();
  }
}
