import { afterEach, describe, expect, it } from 'vitest';
import { Exchange, declareSharedTopology, declareWorkQueue } from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, openBus, queueDepth, uniqueTaskType } from './bus-fixture.ts';

describe('priority (classic queue)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('hands a high-priority message over before the low-priority backlog queued ahead of it', async () => {
    const bus = await openBus(uniqueName('priority'));
    const type = uniqueTaskType();
    const queue = uniqueName('priority.q');
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
    });
    const host = bus.consumer({
      queue: {
        name: queue,
        type: 'classic',
        maxPriority: 10,
        bindings: [{ exchange: Exchange.events, pattern: type.name }],
      },
      prefetch: 1,
    });
    const order: number[] = [];
    host.on(type, (message) => {
      order.push(message.body.n);
    });
    // Declare the queue without consuming yet, so the backlog builds up in the broker.
    const channel = await (await bus.connection.ready()).createChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, {
      name: queue,
      maxPriority: 10,
      bindings: [{ exchange: Exchange.events, pattern: type.name }],
    });
    await channel.close();

    const backlog = 200;
    for (let n = 1; n <= backlog; n += 1) {
      await bus.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n },
        priority: 1,
      });
    }
    await bus.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 0 },
      priority: 9,
    });
    expect(await queueDepth(queue)).toBe(backlog + 1);

    await host.start();
    await waitFor(() => order.length === backlog + 1, {
      timeoutMs: 20_000,
      what: 'the whole backlog handled',
    });
    expect(order[0]).toBe(0);
    expect(order.slice(1)).toEqual(Array.from({ length: backlog }, (_, index) => index + 1));
  });
});
