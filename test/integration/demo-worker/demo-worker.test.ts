// startDemoWorker is what main.ts starts: a task published on the worker's exchange is done once, even
// when its message is delivered twice.
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import amqp from 'amqplib';
import { Bus, deadLetterQueueName } from '@conveyor/bus';
import { demoTaskRequested } from '@conveyor/contracts';
import {
  demoTasksCollection,
  startDemoWorker,
  type DemoTaskRecord,
  type DemoWorker,
} from '@conveyor/demo-worker';
import { connectStore, type Store } from '@conveyor/store';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';

const silentLogger = pino({ level: 'silent' });

describe('demo worker', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('does a published task once, even when its message arrives twice', async () => {
    const urls = serverUrls();
    const exchange = uniqueName('demo-test-events');
    const queue = uniqueName('demo-test.tasks');
    const admin = await amqp.connect(urls.amqpUrl);
    const channel = await admin.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: false });
    cleanups.push(async () => {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(deadLetterQueueName(queue));
      await channel.deleteExchange(exchange);
      await admin.close();
    });
    const store: Store = await connectStore({
      url: urls.mongoUrl,
      dbName: uniqueName('conveyor_demo_test'),
      logger: silentLogger,
      appName: 'conveyor-demo-test',
    });
    cleanups.push(async () => {
      await store.db.dropDatabase();
      await store.close();
    });
    await store.ensureIndexes();
    const bus = await Bus.connect({
      url: urls.amqpUrl,
      serviceName: 'demo-test',
      logger: silentLogger,
      tracer: trace.getTracer('conveyor-test'),
    });
    cleanups.push(() => bus.close());
    const worker: DemoWorker = await startDemoWorker({ bus, store, logger: silentLogger, queue, exchange });
    cleanups.push(() => worker.stop());
    expect(worker.queue).toBe(queue);

    const taskId = randomUUID();
    for (let copy = 0; copy < 2; copy++) {
      await bus.publish({
        exchange,
        routingKey: demoTaskRequested.name,
        type: demoTaskRequested.name,
        body: { taskId, label: 'test', workMs: 0 },
        messageId: `demo:${taskId}`,
      });
    }

    const tasks = store.db.collection<DemoTaskRecord>(demoTasksCollection);
    const done = await waitFor(() => tasks.findOne({ _id: taskId }), { what: 'the task record' });
    expect(done.label).toBe('test');
    // Both copies settled (acked or skipped as a duplicate): nothing left queued, one record.
    await waitFor(async () => (await channel.checkQueue(queue)).messageCount === 0, {
      what: 'an empty queue',
    });
    expect(await tasks.countDocuments({ _id: taskId })).toBe(1);
  });
});
