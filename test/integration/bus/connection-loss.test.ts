import { afterEach, describe, expect, it } from 'vitest';
import { Exchange } from '@conveyor/bus';
import { closeBrokerConnections, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';
import { createInbox, effectLedger, openTestStore } from './store-fixture.ts';

describe('connection loss', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('recovers publishers and consumers by themselves; every confirmed message is handled, none twice', async () => {
    const { store, drop } = await openTestStore();
    const queue = uniqueName('loss.q');
    const type = uniqueTaskType();
    const publisherName = uniqueName('loss-publisher');
    const consumerName = uniqueName('loss-consumer');
    const publisher = await openBus(publisherName);
    const consumer = await openBus(consumerName);
    cleanups.push(async () => {
      await publisher.close();
      await consumer.close();
      await deleteQueues(queue);
      await drop();
    });
    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    const host = consumer.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
      prefetch: 20,
      inbox: createInbox(store),
      leaseMs: 5_000,
      handlerTimeoutMs: 4_000,
      retry: { maxAttempts: 10, tiers: fastTiers },
    });
    host.on(type, async (message) => {
      await ledger.apply(message.envelope.messageId);
    });
    await host.start();

    const batch = 20;
    const pauseBetweenBatchesMs = 50; // paces the load, about 400 messages/s
    const confirmed: string[] = [];
    let readyWentFalse = false;
    const unsubscribe = consumer.connection.onDisconnected(() => {
      readyWentFalse = !consumer.isReady();
    });
    // Both sides lose their connections twice while publishes and deliveries are in flight;
    // publishing goes on until both faults have happened and at least 1,500 messages are confirmed.
    const faults = (async () => {
      const closed: number[] = [];
      for (const after of [300, 900]) {
        await waitFor(() => confirmed.length >= after, { timeoutMs: 30_000, what: `${after} confirms` });
        closed.push(
          ...(await Promise.all([
            closeBrokerConnections(publisherName),
            closeBrokerConnections(consumerName),
          ])),
        );
      }
      return closed;
    })();
    const faultsDone = { value: false };
    void faults.finally(() => {
      faultsDone.value = true;
    });
    while (confirmed.length < 1_500 || !faultsDone.value) {
      const start = confirmed.length;
      const published = await Promise.all(
        Array.from({ length: batch }, (_, offset) =>
          publisher.publish({
            exchange: Exchange.events,
            routingKey: type.name,
            type: type.name,
            body: { n: start + offset },
          }),
        ),
      );
      confirmed.push(...published.map((message) => message.messageId));
      await new Promise((resolve) => setTimeout(resolve, pauseBetweenBatchesMs));
    }
    const closed = await faults;
    unsubscribe();
    const total = confirmed.length;

    await waitFor(async () => (await ledger.count()) === total, {
      timeoutMs: 60_000,
      what: `${total} effects`,
    });
    expect(closed.every((count) => count >= 1)).toBe(true);
    expect(readyWentFalse).toBe(true);
    expect(new Set(confirmed).size).toBe(total);
    expect(ledger.duplicates()).toBe(0);
    // Other suites on this shared broker may close connections too: ready again, not ready this instant.
    await waitFor(() => consumer.isReady(), { what: 'the consumer to be ready again' });
  });
});
