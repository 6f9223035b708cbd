// Each service's RabbitMQ user from deploy/rabbitmq/definitions.json, loaded into a private vhost
// under prefixed names: what the real broker lets it do and what it refuses.
import { trace } from '@opentelemetry/api';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Bus, declareSharedTopology, Exchange, type WorkQueueSpec } from '@conveyor/bus';
import { jobRequestedRoutingKey, quoteRequested, quoteResult } from '@conveyor/contracts';
import { calmSandbox, createSandboxProviders, startFulfilmentWorker } from '@conveyor/fulfilment-worker';
import { notifierQueue } from '@conveyor/notifier';
import { demoQueue } from '@conveyor/demo-worker';
import { connectStore } from '@conveyor/store';
import {
  amqpUrlFor,
  brokerUser,
  loadBrokerDefinitions,
  privateBrokerDefinitions,
  readBrokerDefinitions,
  removeBrokerDefinitions,
  serverUrls,
  uniqueName,
  type BrokerDefinitions,
} from '../../support/index.ts';

const silentLogger = pino({ level: 'silent' });
const vhost = uniqueName('conveyor-security');
const userPrefix = `${uniqueName('sec')}-`;
let definitions: BrokerDefinitions;

function urlOf(service: string): string {
  return amqpUrlFor(serverUrls().amqpUrl, brokerUser(definitions, `${userPrefix}${service}`), vhost);
}

function openBusAs(service: string): Promise<Bus> {
  return Bus.connect({
    url: urlOf(service),
    serviceName: service,
    logger: silentLogger,
    tracer: trace.getTracer('conveyor-test'),
  });
}

/**
 * Runs `act` on a fresh confirm channel of `service`'s own connection and reports how the channel
 * ended up: still open (`undefined`), or closed by the broker with its reply code and text.
 */
async function channelOutcome(
  service: string,
  act: (channel: amqp.ConfirmChannel) => Promise<unknown>,
): Promise<{ code: number; message: string } | undefined> {
  const connection = await amqp.connect(urlOf(service));
  try {
    const channel = await connection.createConfirmChannel();
    const closedByBroker = new Promise<{ code: number; message: string }>((resolve) => {
      channel.once('error', (error: Error & { code?: number }) => {
        resolve({ code: error.code ?? 0, message: error.message });
      });
    });
    const outcome = await Promise.race([
      act(channel).then(
        () => undefined,
        () => closedByBroker,
      ),
      closedByBroker,
    ]);
    return outcome;
  } finally {
    await connection.close();
  }
}

function publishConfirmed(channel: amqp.ConfirmChannel, exchange: string, routingKey: string) {
  return new Promise<void>((resolve, reject) => {
    channel.publish(exchange, routingKey, Buffer.from('{}'), { persistent: true }, (error) => {
      if (error === null || error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

async function startAndStopConsumer(service: string, queue: WorkQueueSpec): Promise<number> {
  const bus = await openBusAs(service);
  try {
    const host = bus.consumer({ queue, prefetch: 1 });
    await host.start();
    const connection = await amqp.connect(urlOf(service));
    try {
      const { consumerCount } = await (await connection.createChannel()).checkQueue(queue.name);
      await host.stop();
      return consumerCount;
    } finally {
      await connection.close();
    }
  } finally {
    await bus.close();
  }
}

/** The built-in job types' queue, bound as the job worker binds it (one routing key per type). */
const jobWorkerQueue: WorkQueueSpec = {
  name: 'job-worker.jobs',
  bindings: [{ exchange: Exchange.events, pattern: jobRequestedRoutingKey('conveyor.echo') }],
};

/** A user's job type's queue, bound as @conveyor/worker binds it. */
const userWorkerQueue: WorkQueueSpec = {
  name: 'jobs.image.resize',
  bindings: [{ exchange: Exchange.events, pattern: jobRequestedRoutingKey('image.resize') }],
};

describe('broker users from deploy/rabbitmq/definitions.json', () => {
  beforeAll(async () => {
    definitions = privateBrokerDefinitions(await readBrokerDefinitions(), { vhost, userPrefix });
    await loadBrokerDefinitions(definitions, serverUrls().amqpUrl);
  });

  afterAll(async () => {
    await removeBrokerDefinitions(definitions);
  });

  it('refuses the notifier a publish to the orders exchange: the broker closes the channel with 403', async () => {
    const outcome = await channelOutcome('notifier', (channel) =>
      publishConfirmed(channel, Exchange.events, 'order.placed.v1'),
    );
    expect(outcome?.code).toBe(403);
    expect(outcome?.message).toContain('ACCESS_REFUSED');
    expect(outcome?.message).toContain(`exchange '${Exchange.events}'`);
  });

  it('lets the gateway publish to the orders exchange, confirmed by the broker', async () => {
    const outcome = await channelOutcome('gateway', (channel) =>
      publishConfirmed(channel, Exchange.events, 'order.placed.v1'),
    );
    expect(outcome).toBeUndefined();
  });

  it('lets the gateway declare the shared exchanges and retry tiers it starts with', async () => {
    const outcome = await channelOutcome('gateway', (channel) => declareSharedTopology(channel));
    expect(outcome).toBeUndefined();
  });

  it.each([
    ['notifier', notifierQueue],
    ['job-worker', jobWorkerQueue],
    // A user's own worker (@conveyor/sdk): its types' queues are `jobs.<type>`.
    ['worker', userWorkerQueue],
  ] as const)('lets %s declare, bind and consume its own queue', async (service, queue) => {
    expect(await startAndStopConsumer(service, queue)).toBe(1);
  });

  it('lets a worker declare its queue as a quorum queue, as in production', async () => {
    expect(await startAndStopConsumer('demo-worker', { ...demoQueue, type: 'quorum' })).toBe(1);
  });

  it("refuses a worker consuming another service's queue", async () => {
    await startAndStopConsumer('job-worker', jobWorkerQueue);
    const outcome = await channelOutcome('notifier', (channel) =>
      channel.consume('job-worker.jobs', () => {}),
    );
    expect(outcome?.code).toBe(403);
    expect(outcome?.message).toContain("queue 'job-worker.jobs'");
  });

  it('refuses a worker declaring a queue outside its own prefix', async () => {
    const outcome = await channelOutcome('notifier', (channel) =>
      channel.assertQueue('fulfilment-worker.orders', { durable: true }),
    );
    expect(outcome?.code).toBe(403);
  });

  it('lets the scheduler archive a dead-letter queue but not declare queues', async () => {
    await startAndStopConsumer('notifier', notifierQueue);
    const archiving = await channelOutcome('scheduler', (channel) =>
      channel.consume(`${notifierQueue.name}.dlq`, () => {}),
    );
    expect(archiving).toBeUndefined();
    const declaring = await channelOutcome('scheduler', (channel) =>
      channel.assertQueue('scheduler.anything', { durable: true }),
    );
    expect(declaring?.code).toBe(403);
  });

  it('lets the operator and the dashboard replay into a queue, but not publish events', async () => {
    await startAndStopConsumer('notifier', notifierQueue);
    for (const service of ['operator', 'dashboard']) {
      const replay = await channelOutcome(service, (channel) =>
        publishConfirmed(channel, '', notifierQueue.name),
      );
      expect(replay, service).toBeUndefined();
    }
    const publishing = await channelOutcome('dashboard', (channel) =>
      publishConfirmed(channel, Exchange.events, 'order.placed.v1'),
    );
    expect(publishing?.code).toBe(403);
  });

  it('answers a quote end to end: gateway asks over direct reply-to, the fulfilment worker replies, each as itself', async () => {
    const dbName = uniqueName('conveyor_security');
    const store = await connectStore({
      url: serverUrls().mongoUrl,
      dbName,
      logger: silentLogger,
      appName: 'test',
    });
    const workerBus = await openBusAs('fulfilment-worker');
    const gatewayBus = await openBusAs('gateway');
    try {
      const worker = await startFulfilmentWorker({
        bus: workerBus,
        store,
        providers: createSandboxProviders(store, calmSandbox),
        logger: silentLogger,
      });
      const quote = await gatewayBus.rpc.request({
        exchange: Exchange.events,
        routingKey: quoteRequested.name,
        type: quoteRequested,
        body: { tenantId: 'acme', sku: 'WIDGET-1', qty: 3 },
        resultSchema: quoteResult,
        timeoutMs: 10_000,
      });
      expect(quote).toMatchObject({ sku: 'WIDGET-1', qty: 3 });
      await worker.stop();
    } finally {
      await gatewayBus.close();
      await workerBus.close();
      await store.db.dropDatabase();
      await store.close();
    }
  });
});
