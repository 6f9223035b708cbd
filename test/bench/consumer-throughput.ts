// Throughput of the consumer host against raw amqplib with the same guarantees (persistent messages,
// publisher confirms, manual acks, 4 consumers): N messages published with a bounded confirm window,
// timed from the first publish to the last ack. Prints figures and ratios; asserts nothing.
// Usage: node test/bench/consumer-throughput.ts [N=20000] [consumers=4] [prefetch=100]
import { trace } from '@opentelemetry/api';
import amqp from 'amqplib';
import { Bus, Exchange, deadLetterQueueName } from '@conveyor/bus';
import { defineMessage } from '@conveyor/contracts';
import { connectStore, createInbox } from '@conveyor/store';
import { pino } from 'pino';
import { z } from 'zod';
import { serverUrls, uniqueName } from '../support/index.ts';

const total = Number(process.argv[2] ?? 20_000);
const consumers = Number(process.argv[3] ?? 4);
const prefetch = Number(process.argv[4] ?? 100);
const confirmWindow = 1_000;
const { amqpUrl, mongoUrl } = serverUrls();
const logger = pino({ level: 'warn' });
const tracer = trace.getTracer('bench');
const type = defineMessage('bench.noop.v1', z.object({ n: z.number() }));

interface Result {
  name: string;
  seconds: number;
  perSecond: number;
}

function withDone(expected: number): { tick: () => void; done: Promise<void> } {
  let count = 0;
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    tick: () => {
      count += 1;
      if (count === expected) resolve();
    },
    done,
  };
}

async function rawAmqplib(): Promise<Result> {
  const queue = uniqueName('bench.raw');
  const connections = await Promise.all(Array.from({ length: consumers + 1 }, () => amqp.connect(amqpUrl)));
  const [publisherConnection, ...consumerConnections] = connections;
  if (publisherConnection === undefined) throw new Error('no connection');
  const publisher = await publisherConnection.createConfirmChannel();
  await publisher.assertQueue(queue, { durable: true, arguments: { 'x-max-priority': 10 } });
  const { tick, done } = withDone(total);
  for (const connection of consumerConnections) {
    const channel = await connection.createChannel();
    await channel.prefetch(prefetch);
    await channel.consume(queue, (message) => {
      if (message === null) return;
      JSON.parse(message.content.toString());
      channel.ack(message);
      tick();
    });
  }
  const started = performance.now();
  let inFlight: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    inFlight.push(
      new Promise<void>((resolve, reject) => {
        publisher.sendToQueue(
          queue,
          Buffer.from(JSON.stringify({ n })),
          { persistent: true, messageId: `m${n}`, type: type.name },
          (error: unknown) => {
            if (error instanceof Error) reject(error);
            else if (error) reject(new Error('publish was not confirmed'));
            else resolve();
          },
        );
      }),
    );
    if (inFlight.length >= confirmWindow) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  await done;
  const seconds = (performance.now() - started) / 1000;
  await publisher.deleteQueue(queue);
  for (const connection of connections) await connection.close();
  return { name: 'raw amqplib', seconds, perSecond: total / seconds };
}

async function conveyor(useInbox: boolean): Promise<Result> {
  const queue = uniqueName(useInbox ? 'bench.inbox' : 'bench.host');
  const dbName = uniqueName('bench');
  const store = await connectStore({ url: mongoUrl, dbName, logger, appName: 'bench' });
  await store.ensureIndexes();
  const publisherBus = await Bus.connect({ url: amqpUrl, serviceName: 'bench-publisher', logger, tracer });
  const buses = await Promise.all(
    Array.from({ length: consumers }, (_, index) =>
      Bus.connect({ url: amqpUrl, serviceName: `bench-consumer-${index}`, logger, tracer }),
    ),
  );
  const { tick, done } = withDone(total);
  const routingKey = `${queue}.noop.v1`;
  for (const bus of buses) {
    const host = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: routingKey }] },
      prefetch,
      inbox: useInbox ? createInbox(store) : undefined,
    });
    host.on(type, () => {
      tick();
    });
    await host.start();
  }
  const started = performance.now();
  let inFlight: Promise<unknown>[] = [];
  for (let n = 0; n < total; n += 1) {
    inFlight.push(
      publisherBus.publish({ exchange: Exchange.events, routingKey, type: type.name, body: { n } }),
    );
    if (inFlight.length >= confirmWindow) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  await done;
  const seconds = (performance.now() - started) / 1000;
  for (const bus of buses) await bus.close();
  const cleanupConnection = await amqp.connect(amqpUrl);
  const cleanup = await cleanupConnection.createChannel();
  await cleanup.deleteQueue(queue);
  await cleanup.deleteQueue(deadLetterQueueName(queue));
  await cleanupConnection.close();
  await publisherBus.close();
  await store.db.dropDatabase();
  await store.close();
  return {
    name: useInbox ? 'conveyor consumer host + MongoDB inbox' : 'conveyor consumer host (no inbox)',
    seconds,
    perSecond: total / seconds,
  };
}

const results = [await rawAmqplib(), await conveyor(false), await conveyor(true)];
const raw = results[0]?.perSecond ?? 1;
process.stdout.write(
  `N=${total}, ${consumers} consumers × prefetch ${prefetch}, confirm window ${confirmWindow}, MongoDB-wire: ${mongoUrl}\n`,
);
for (const result of results) {
  process.stdout.write(
    `${result.name.padEnd(42)} ${result.perSecond.toFixed(0).padStart(7)} msg/s  (${result.seconds.toFixed(2)} s, ${(result.perSecond / raw).toFixed(2)}× raw)\n`,
  );
}
