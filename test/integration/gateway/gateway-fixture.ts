// A gateway app per test, on a private database, with its own tenant (and an API key for it), quote
// exchange and queues; every connection, queue, exchange and the database are removed by cleanUp().
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { Tracer } from '@opentelemetry/api';
import amqp from 'amqplib';
import { Bus, deadLetterQueueName, Exchange, type InboundMessage } from '@conveyor/bus';
import { quoteRequested, type BodyOf, type QuoteResult } from '@conveyor/contracts';
import { connectEvents, type EventsClient } from '@conveyor/events';
import { buildGateway, ensureGatewayIndexes, type GatewayApp, type GatewayOptions } from '@conveyor/gateway';
import { createApiKeyStore, type ApiKeyStore } from '@conveyor/api-keys';
import { registerJobTypes, type JobTypeRegistration } from '@conveyor/jobs';
import { connectStore, type Store } from '@conveyor/store';
import { pino, type Logger } from 'pino';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

/** A real tracer (spans get ids) without a global SDK: enough for trace ids in responses. */
const idTracer: Tracer = new BasicTracerProvider().getTracer('gateway-test');

/** The types the tests submit, registered as a worker would (any object as data): no worker runs here. */
const fixtureJobTypes: JobTypeRegistration[] = ['report.daily', 'report.weekly', 'conveyor.echo'].map(
  (type) => ({
    type,
    queue: 'gateway-test.jobs',
    schema: { type: 'object' },
    priority: 5,
    attempts: 5,
    timeoutMs: 60_000,
    ordered: null,
    retentionDays: null,
  }),
);

export interface GatewayFixtureOptions {
  options?: Partial<GatewayOptions>;
  tracer?: Tracer;
  /** The app's logger (default: silent). */
  logger?: Logger;
}

export interface GatewayFixture {
  app: GatewayApp;
  store: Store;
  bus: Bus;
  events: EventsClient;
  /** A tenant of this test's own (tenant ids are lowercase letters, digits and '-'). */
  tenant: string;
  /** An API key of `tenant`. */
  apiKey: string;
  /** `Authorization: Bearer <apiKey>`: spread into a request's headers. */
  auth: Record<string, string>;
  /** The keys collection of this test's database. */
  apiKeys: ApiKeyStore;
  /** Authorization headers with a new key of another tenant. */
  authFor(tenant: string): Promise<Record<string, string>>;
  /** A topic exchange of this test's own for quote requests, so no other test's responder answers. */
  quoteExchange: string;
  /** A queue of this test's own bound to `conveyor.events` with `pattern`. */
  bindQueue(pattern: string, exchange?: string): Promise<string>;
  /** A fulfilment-worker stand-in answering quote requests on this test's quote exchange. */
  answerQuotes(
    handler: (message: InboundMessage<BodyOf<typeof quoteRequested>>) => Promise<QuoteResult>,
  ): Promise<void>;
  /** Waits until `queue` holds a message matching `match`; returns its parsed body. */
  receive(queue: string, match: (body: unknown) => boolean, what: string): Promise<amqp.GetMessage>;
  cleanUp(): Promise<void>;
}

export async function openGateway(fixtureOptions: GatewayFixtureOptions = {}): Promise<GatewayFixture> {
  const urls = serverUrls();
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const store = await connectStore({
      url: urls.mongoUrl,
      dbName: uniqueName('gateway_test'),
      logger: silentLogger,
      appName: 'gateway-test',
    });
    cleanups.push(() => store.close());
    cleanups.push(() => store.db.dropDatabase());
    await store.ensureIndexes();
    await ensureGatewayIndexes(store);
    await registerJobTypes(store, fixtureJobTypes, 'gateway-fixture');
    const apiKeys = createApiKeyStore(store);
    const authFor = async (tenant: string) => {
      const { key } = await apiKeys.create({ tenantId: tenant, label: 'gateway test' });
      return { authorization: `Bearer ${key}` };
    };
    const tenant = uniqueName('tenant');
    const auth = await authFor(tenant);

    const tracer = fixtureOptions.tracer ?? idTracer;
    const bus = await Bus.connect({
      url: urls.amqpUrl,
      serviceName: uniqueName('gateway-test'),
      logger: silentLogger,
      tracer,
    });
    cleanups.push(() => bus.close());
    const events = await connectEvents({
      servers: urls.natsUrl,
      name: uniqueName('gateway-test'),
      logger: silentLogger,
      tracer,
    });
    cleanups.push(() => events.close());

    const admin = await amqp.connect(urls.amqpUrl);
    cleanups.push(() => admin.close());
    const channel = await admin.createChannel();
    await channel.assertExchange(Exchange.events, 'topic', { durable: true });
    const quoteExchange = uniqueName('gateway-test.quotes');
    await channel.assertExchange(quoteExchange, 'topic', { durable: false, autoDelete: false });
    cleanups.push(() => channel.deleteExchange(quoteExchange));

    const app = buildGateway({
      store,
      bus,
      events,
      logger: fixtureOptions.logger ?? silentLogger,
      tracer,
      options: { quoteExchange, quoteTimeoutMs: 2_000, ...fixtureOptions.options },
    });
    cleanups.push(() => app.close());

    return {
      app,
      store,
      bus,
      events,
      tenant,
      apiKey: auth.authorization.slice('Bearer '.length),
      auth,
      apiKeys,
      authFor,
      quoteExchange,
      async bindQueue(pattern, exchange = Exchange.events) {
        const queue = uniqueName('gateway-test.q');
        await channel.assertQueue(queue, { durable: false, autoDelete: false });
        await channel.bindQueue(queue, exchange, pattern);
        cleanups.push(async () => {
          await channel.deleteQueue(queue);
          await channel.deleteQueue(deadLetterQueueName(queue));
        });
        return queue;
      },
      async answerQuotes(handler) {
        const queue = uniqueName('gateway-test.quotes');
        const responder = await Bus.connect({
          url: urls.amqpUrl,
          serviceName: 'quote-responder',
          logger: silentLogger,
          tracer,
        });
        cleanups.push(async () => {
          await responder.close();
          await channel.deleteQueue(queue);
          await channel.deleteQueue(deadLetterQueueName(queue));
        });
        const host = responder.consumer({
          queue: { name: queue, bindings: [{ exchange: quoteExchange, pattern: quoteRequested.name }] },
        });
        host.on(quoteRequested, handler);
        await host.start();
      },
      async receive(queue, match, what) {
        const seen: amqp.GetMessage[] = [];
        return waitFor(
          async () => {
            for (;;) {
              const message = await channel.get(queue, { noAck: true });
              if (message === false) break;
              seen.push(message);
            }
            return seen.find((message) => match(JSON.parse(message.content.toString('utf8'))));
          },
          { what, timeoutMs: 10_000 },
        );
      },
      cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The JSON body of a response, for assertions. */
export function json(response: { body: string }): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}
