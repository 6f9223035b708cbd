// The whole system as real processes for end-to-end tests: gateway, fulfilment workers, notifier and
// schedulers, each started with the pinned Node, against the shared brokers with a private database,
// private queue names, a real SMTP peer and an OTLP receiver that the test reads.
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { MongoClient, type Db } from 'mongodb';
import {
  serverUrls,
  startOtlpReceiver,
  startSmtpPeer,
  uniqueName,
  type OtlpReceiver,
  type SmtpPeer,
} from '../support/index.ts';
import { freePort, startServiceProcess, waitUntilReady, type ServiceProcess } from './service-process.ts';

export interface StackOptions {
  fulfilmentWorkers?: number;
  schedulers?: number;
  workerEnv?: Record<string, string>;
}

export interface Stack {
  gatewayUrl: string;
  db: Db;
  smtp: SmtpPeer;
  otlp: OtlpReceiver;
  services: ServiceProcess[];
  schedulers: ServiceProcess[];
  /** Logs of every process, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { amqpUrl, mongoUrl, natsUrl } = serverUrls();
  const dbName = uniqueName('conveyor_e2e');
  const prefix = uniqueName('e2e');
  const smtp = await startSmtpPeer();
  const otlp = await startOtlpReceiver();
  const common = {
    AMQP_URL: amqpUrl,
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    NATS_URL: natsUrl,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
    LOG_LEVEL: 'info',
  };
  const services: ServiceProcess[] = [];
  const schedulers: ServiceProcess[] = [];

  const gatewayPort = await freePort();
  services.push(
    startServiceProcess(
      'gateway',
      'gateway',
      {
        ...common,
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        OUTBOX_GRACE_MS: '2000',
        OUTBOX_INTERVAL_MS: '500',
      },
      gatewayPort,
    ),
  );
  for (let index = 0; index < (options.fulfilmentWorkers ?? 2); index += 1) {
    const port = await freePort();
    services.push(
      startServiceProcess(
        `fulfilment-worker-${index + 1}`,
        'fulfilment-worker',
        {
          ...common,
          HEALTH_PORT: String(port),
          ORDERS_QUEUE: `${prefix}.orders`,
          QUOTES_QUEUE: `${prefix}.quotes`,
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
    startServiceProcess(
      'notifier',
      'notifier',
      {
        ...common,
        HEALTH_PORT: String(notifierPort),
        SMTP_URL: smtp.url,
        ORDER_EVENTS_QUEUE: `${prefix}.notifier`,
      },
      notifierPort,
    ),
  );
  const jobWorkerPort = await freePort();
  services.push(
    startServiceProcess(
      'job-worker',
      'job-worker',
      { ...common, HEALTH_PORT: String(jobWorkerPort), JOBS_QUEUE: `${prefix}.jobs` },
      jobWorkerPort,
    ),
  );
  const leaderBucket = `e2e_leader_${randomBytes(4).toString('hex')}`;
  for (let index = 0; index < (options.schedulers ?? 1); index += 1) {
    const port = await freePort();
    const scheduler = startServiceProcess(
      `scheduler-${index + 1}`,
      'scheduler',
      {
        ...common,
        HEALTH_PORT: String(port),
        LEADER_BUCKET: leaderBucket,
        LEASE_MS: '2000',
        TICK_MS: '100',
        REPORT_DAILY_ENABLED: 'false',
        DEAD_LETTER_QUEUES: ['orders', 'quotes', 'notifier', 'jobs']
          .map((queue) => `${prefix}.${queue}`)
          .join(','),
      },
      port,
    );
    services.push(scheduler);
    schedulers.push(scheduler);
  }
  const mongo = await MongoClient.connect(mongoUrl);
  const stack: Stack = {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    db: mongo.db(dbName),
    smtp,
    otlp,
    services,
    schedulers,
    logs: () =>
      services.map((service) => `--- ${service.name}\n${service.logs.slice(-40).join('\n')}`).join('\n'),
    async stop() {
      await Promise.allSettled(services.map((service) => service.stop()));
      await deleteStackQueues(amqpUrl, prefix);
      await mongo.db(dbName).dropDatabase();
      await mongo.close();
      await smtp.close();
      await otlp.close();
    },
  };
  try {
    for (const service of services) await waitUntilReady(service);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** POST/GET against the gateway with JSON, as a web application would. */
export async function api(
  stack: Stack,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${stack.gatewayUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
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
async function deleteStackQueues(amqpUrl: string, prefix: string): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of ['orders', 'quotes', 'notifier', 'jobs']) {
      await channel.deleteQueue(`${prefix}.${queue}`);
      await channel.deleteQueue(`${prefix}.${queue}.dlq`);
    }
  } finally {
    await connection.close();
  }
}
