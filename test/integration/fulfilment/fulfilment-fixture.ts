// Runs the fulfilment worker in-process against the real servers with names of its own: a private
// topic exchange (so no other suite's order events reach it, nor its events theirs), private queues, a
// private database, fast retry tiers; counts provider calls per idempotency key and records every
// message published on the exchange.
import { trace } from '@opentelemetry/api';
import amqp from 'amqplib';
import { Bus, deadLetterQueueName, type RetryTier } from '@conveyor/bus';
import { connectEvents, type EventsClient } from '@conveyor/events';
import {
  calmSandbox,
  createSandboxProviders,
  startFulfilmentWorker,
  type FulfilmentProviders,
  type FulfilmentWorker,
  type FulfilmentWorkerOptions,
  type SandboxBehaviour,
} from '@conveyor/fulfilment-worker';
import { createOrder, publishOrderOutbox, type CreateOrderInput, type OrderDocument } from '@conveyor/orders';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { openOrderStore, orderInput, silentLogger, type TestStore } from './orders-fixture.ts';

export const fastTiers: readonly RetryTier[] = [{ name: 'fulfilment-test-100ms', delayMs: 100 }];

export interface ObservedMessage {
  type: string;
  messageId: string;
  priority: number | undefined;
  body: Record<string, unknown>;
}

export interface FulfilmentRig {
  testStore: TestStore;
  bus: Bus;
  events: EventsClient;
  exchange: string;
  providers: FulfilmentProviders;
  /** Provider calls by `operation ␟ idempotencyKey`, e.g. `payment.capture␟<orderId>:payment`. */
  calls: Map<string, number>;
  /** Every message published on the rig's exchange, in arrival order. */
  observed: ObservedMessage[];
  queues: { orders: string; quotes: string };
  startWorker(options?: Partial<FulfilmentWorkerOptions>): Promise<FulfilmentWorker>;
  /** Messages waiting in a queue's dead letters. */
  deadLetterCount(queue: string): Promise<number>;
  /** Creates the order and publishes its order.placed.v1, as the gateway does. */
  placeOrder(fields?: Partial<CreateOrderInput>): Promise<OrderDocument>;
  close(): Promise<void>;
}

export async function openFulfilmentRig(behaviour: SandboxBehaviour = calmSandbox): Promise<FulfilmentRig> {
  const urls = serverUrls();
  const exchange = uniqueName('fulfilment-test-events');
  const queues = {
    orders: uniqueName('fulfilment-test.orders'),
    quotes: uniqueName('fulfilment-test.quotes'),
  };
  const observerQueue = uniqueName('fulfilment-test.observer');

  const admin = await amqp.connect(urls.amqpUrl);
  const channel = await admin.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: false });
  await channel.assertQueue(observerQueue, { exclusive: true });
  await channel.bindQueue(observerQueue, exchange, '#');
  const observed: ObservedMessage[] = [];
  await channel.consume(
    observerQueue,
    (message) => {
      if (message === null) return;
      observed.push({
        type: String(message.properties.type),
        messageId: String(message.properties.messageId),
        priority: typeof message.properties.priority === 'number' ? message.properties.priority : undefined,
        body: JSON.parse(message.content.toString('utf8')) as Record<string, unknown>,
      });
    },
    { noAck: true },
  );

  const testStore = await openOrderStore();
  const bus = await Bus.connect({
    url: urls.amqpUrl,
    serviceName: 'fulfilment-test',
    logger: silentLogger,
    tracer: trace.getTracer('conveyor-test'),
  });
  const events = await connectEvents({
    servers: urls.natsUrl,
    name: 'fulfilment-test',
    logger: silentLogger,
    tracer: trace.getTracer('conveyor-test'),
  });
  const calls = new Map<string, number>();
  const providers = countingProviders(createSandboxProviders(testStore.store, behaviour), calls);
  const workers: FulfilmentWorker[] = [];

  return {
    testStore,
    bus,
    events,
    exchange,
    providers,
    calls,
    observed,
    queues,
    async startWorker(options = {}) {
      const worker = await startFulfilmentWorker({
        bus,
        store: testStore.store,
        providers,
        logger: silentLogger,
        events,
        queues,
        exchange,
        retryTiers: fastTiers,
        maxAttempts: 3,
        ...options,
      });
      workers.push(worker);
      return worker;
    },
    async deadLetterCount(queue) {
      return (await channel.checkQueue(deadLetterQueueName(queue))).messageCount;
    },
    async placeOrder(fields = {}) {
      const { order, pending } = await createOrder(testStore.store, orderInput({ exchange, ...fields }));
      await publishOrderOutbox(testStore.store, (message) => bus.publish(message), order, pending);
      return order;
    },
    async close() {
      for (const worker of workers) await worker.stop();
      await bus.close();
      await events.close();
      for (const queue of Object.values(queues)) {
        await channel.deleteQueue(queue);
        await channel.deleteQueue(deadLetterQueueName(queue));
      }
      await channel.deleteExchange(exchange);
      await admin.close();
      await testStore.drop();
    },
  };
}

function countingProviders(inner: FulfilmentProviders, calls: Map<string, number>): FulfilmentProviders {
  const count = (operation: string, key: string): void => {
    const id = `${operation}\u001f${key}`;
    calls.set(id, (calls.get(id) ?? 0) + 1);
  };
  return {
    prices: inner.prices,
    inventory: {
      reserve: (request) => {
        count('inventory.reserve', request.idempotencyKey);
        return inner.inventory.reserve(request);
      },
      release: (request) => {
        count('inventory.release', request.idempotencyKey);
        return inner.inventory.release(request);
      },
      available: (request) => inner.inventory.available(request),
    },
    payment: {
      capture: (request) => {
        count('payment.capture', request.idempotencyKey);
        return inner.payment.capture(request);
      },
      refund: (request) => {
        count('payment.refund', request.idempotencyKey);
        return inner.payment.refund(request);
      },
    },
    shipping: {
      ship: (request) => {
        count('shipping.ship', request.idempotencyKey);
        return inner.shipping.ship(request);
      },
      cancel: (request) => {
        count('shipping.cancel', request.idempotencyKey);
        return inner.shipping.cancel(request);
      },
    },
  };
}

export function callKey(operation: string, idempotencyKey: string): string {
  return `${operation}\u001f${idempotencyKey}`;
}
