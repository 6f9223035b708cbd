import { afterEach, describe, expect, it } from 'vitest';
import {
  Exchange,
  PayloadTooLargeError,
  PublishRefusedError,
  UnroutableError,
  declareSharedTopology,
  declareWorkQueue,
  type Bus,
} from '@conveyor/bus';
import { uniqueName } from '../../support/index.ts';
import { deleteQueues, openBus, queueDepth, uniqueTaskType } from './bus-fixture.ts';

describe('publisher', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function busWithQueue(): Promise<{ bus: Bus; queue: string; routingKey: string }> {
    const bus = await openBus(uniqueName('publisher'), { maxBodyBytes: 10_000 });
    const queue = uniqueName('publisher.q');
    const routingKey = uniqueTaskType().name;
    const channel = await (await bus.connection.ready()).createChannel();
    await declareSharedTopology(channel, []);
    await declareWorkQueue(channel, {
      name: queue,
      bindings: [{ exchange: Exchange.events, pattern: routingKey }],
    });
    await channel.close();
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
    });
    return { bus, queue, routingKey };
  }

  it('resolves only once the broker confirmed the message, which is then in the queue', async () => {
    const { bus, queue, routingKey } = await busWithQueue();
    const published = await bus.publish({
      exchange: Exchange.events,
      routingKey,
      type: routingKey,
      body: { n: 1 },
    });
    expect(published.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await queueDepth(queue)).toBe(1);
  });

  it('rejects an unroutable mandatory message instead of dropping it silently', async () => {
    const { bus } = await busWithQueue();
    // An exchange of the test's own: where deploy's alternate-exchange policy was loaded into this
    // broker (`npm start` does so), `conveyor.events` routes what no queue binds to its archive instead.
    const exchange = uniqueName('publisher.unbound');
    const channel = await (await bus.connection.ready()).createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: false });
    const publishing = bus.publish({
      exchange,
      routingKey: 'nobody.listens.v1',
      type: 'nobody.listens.v1',
      body: {},
    });
    await expect(publishing).rejects.toBeInstanceOf(UnroutableError);
    await expect(publishing).rejects.toMatchObject({ code: 'BUS_UNROUTABLE', retryable: false });
    await channel.deleteExchange(exchange);
    await channel.close();
  });

  it('fails a publish to a missing exchange at once, and keeps publishing the others', async () => {
    const { bus, queue, routingKey } = await busWithQueue();
    const missing = uniqueName('conveyor.missing');
    // The refused publish closes the channel under the good one: it must go out on the next channel.
    const refused = bus.publish({ exchange: missing, routingKey, type: routingKey, body: {} });
    const delivered = bus.publish({ exchange: Exchange.events, routingKey, type: routingKey, body: {} });
    await expect(refused).rejects.toBeInstanceOf(PublishRefusedError);
    await expect(refused).rejects.toMatchObject({
      code: 'BUS_PUBLISH_REFUSED',
      retryable: false,
      replyCode: 404,
      exchange: missing,
    });
    await expect(delivered).resolves.toMatchObject({ messageId: expect.any(String) as unknown });
    expect(await queueDepth(queue)).toBe(1);
  });

  it('refuses a body over the size limit before sending it', async () => {
    const { bus, routingKey } = await busWithQueue();
    const publishing = bus.publish({
      exchange: Exchange.events,
      routingKey,
      type: routingKey,
      body: { big: 'x'.repeat(20_000) },
    });
    await expect(publishing).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('respects back-pressure: a burst far larger than the socket buffer is confirmed in full', async () => {
    const { bus, queue, routingKey } = await busWithQueue();
    const body = { n: 0, note: 'y'.repeat(4_000) };
    const count = 3_000;
    await Promise.all(
      Array.from({ length: count }, (_, n) =>
        bus.publish({ exchange: Exchange.events, routingKey, type: routingKey, body: { ...body, n } }),
      ),
    );
    expect(await queueDepth(queue)).toBe(count);
  });
});
