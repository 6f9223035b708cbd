import { afterEach, describe, expect, it } from 'vitest';
import { Exchange } from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, openBus, queueDepth, uniqueTaskType } from './bus-fixture.ts';

// The host acks the deliveries settled in one turn of the event loop together (one `multiple` ack
// for the oldest run, single acks for the rest): these pin down that no ack is lost or misapplied.
describe('consumer host acks', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(prefetch: number) {
    const bus = await openBus(uniqueName('acks'));
    const queue = uniqueName('acks.q');
    const type = uniqueTaskType();
    const host = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
      prefetch,
    });
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
    });
    const publish = (n: number) =>
      bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n } });
    return { queue, type, host, publish };
  }

  it('acks every message of a burst once, so none is redelivered after the host stops', async () => {
    const { queue, type, host, publish } = await setup(50);
    const handled: number[] = [];
    host.on(type, ({ body }) => {
      handled.push(body.n);
    });
    await host.start();
    await Promise.all(Array.from({ length: 300 }, (_, n) => publish(n)));
    await waitFor(() => host.stats.acked === 300, { timeoutMs: 15_000, what: '300 acks' });
    await host.stop();

    // An ack lost or sent for the wrong tag would leave messages queued again (or close the channel
    // with "unknown delivery tag" and redeliver): the queue is empty and each was handled once.
    expect(await queueDepth(queue)).toBe(0);
    expect(handled).toHaveLength(300);
    expect(new Set(handled).size).toBe(300);
  });

  it('acks messages that finished while an older one still runs, so the prefetch window keeps moving', async () => {
    const { type, host, publish } = await setup(2);
    let releaseFirst: () => void = () => undefined;
    const lastHandled = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    host.on(type, async ({ body }) => {
      // The first message waits for the last: only possible if the ones between are acked (and so
      // make room in a window of 2) while it is still unacked.
      if (body.n === 0) await lastHandled;
      if (body.n === 3) releaseFirst();
    });
    await host.start();
    for (const n of [0, 1, 2, 3]) await publish(n);
    await waitFor(() => host.stats.acked === 4, { timeoutMs: 10_000, what: 'all 4 messages acked' });
    expect(host.stats.received).toBe(4);
  });
});
