// The Conveyor consumer host as a service runs it: one Bus (connection) per consumer instance, each
// with its own MongoDB store when the inbox is on, and a separate publishing Bus. Same queue shape as
// the raw rig: a durable classic queue with x-max-priority 10, bound to the events exchange.
import amqp from 'amqplib';
import {
  Bus,
  Exchange,
  deadLetterQueueName,
  declareSharedTopology,
  declareWorkQueue,
  type InboundMessage,
  type WorkQueueSpec,
} from '@conveyor/bus';
import { connectStore, createInbox, type Store } from '@conveyor/store';
import { uniqueName } from '../../support/index.ts';
import { benchMessage, type BenchBody } from './bench-body.ts';
import { benchLogger, benchTracer } from './bench-runtime.ts';

export interface ConveyorRigOptions {
  amqpUrl: string;
  queue: string;
  consumers: number;
  prefetch: number;
  /** The MongoDB inbox de-duplicates every delivery when set. */
  inbox?: { mongoUrl: string };
}

export interface ConveyorRig {
  /** Declares the queue as the consumers will, so that messages can be queued before they start. */
  declare(): Promise<void>;
  publish(body: BenchBody, options?: { priority?: number }): Promise<unknown>;
  /** Registers the handler on every consumer and starts them. */
  consume(handle: (message: InboundMessage<BenchBody>) => unknown): Promise<void>;
  /** Stops the consumers, deletes the queue and its dead-letter queue, drops the inbox database. */
  close(): Promise<void>;
}

export async function openConveyorRig(options: ConveyorRigOptions): Promise<ConveyorRig> {
  const { amqpUrl, queue, consumers, prefetch } = options;
  const routingKey = `${queue}.noop.v1`;
  const spec: WorkQueueSpec = { name: queue, bindings: [{ exchange: Exchange.events, pattern: routingKey }] };
  const dbName = uniqueName('conveyor_bench');
  const buses: Bus[] = [];
  const stores: Store[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const results = await Promise.allSettled(buses.map((bus) => bus.close()));
      results.push(...(await Promise.allSettled([deleteQueues(amqpUrl, queue), dropDatabase(stores[0])])));
      results.push(...(await Promise.allSettled(stores.map((store) => store.close()))));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    })());

  let publisher: Bus;
  try {
    publisher = await Bus.connect({
      url: amqpUrl,
      serviceName: 'bench-publisher',
      logger: benchLogger,
      tracer: benchTracer,
    });
    buses.push(publisher);
    for (let index = 0; index < consumers; index += 1) {
      buses.push(
        await Bus.connect({
          url: amqpUrl,
          serviceName: 'bench-consumer',
          instanceId: String(index),
          logger: benchLogger,
          tracer: benchTracer,
        }),
      );
      if (options.inbox !== undefined) {
        const store = await connectStore({
          url: options.inbox.mongoUrl,
          dbName,
          logger: benchLogger,
          appName: `bench-consumer-${index}`,
        });
        stores.push(store);
        if (index === 0) await store.ensureIndexes();
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  const consumerBuses = buses.slice(1);

  return {
    declare: () => declareQueue(amqpUrl, spec),
    publish: (body, { priority } = {}) =>
      publisher.publish({ exchange: Exchange.events, routingKey, type: benchMessage.name, body, priority }),
    async consume(handle) {
      // Started together, as instances of a service would be, so none drains a backlog alone for long.
      const hosts = consumerBuses.map((bus, index) => {
        const store = stores[index];
        return bus
          .consumer({ queue: spec, prefetch, inbox: store === undefined ? undefined : createInbox(store) })
          .on(benchMessage, handle);
      });
      await Promise.all(hosts.map((host) => host.start()));
    },
    close,
  };
}

async function declareQueue(amqpUrl: string, spec: WorkQueueSpec): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    await declareSharedTopology(channel);
    await declareWorkQueue(channel, spec);
  } finally {
    await connection.close();
  }
}

async function deleteQueues(amqpUrl: string, queue: string): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
    await channel.deleteQueue(deadLetterQueueName(queue));
  } finally {
    await connection.close();
  }
}

async function dropDatabase(store: Store | undefined): Promise<void> {
  if (store !== undefined) await store.db.dropDatabase();
}
