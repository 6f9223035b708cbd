import { afterEach, describe, expect, it } from 'vitest';
import {
  DeadLetterReason,
  Exchange,
  Header,
  deadLetterQueueName,
  headerString,
  type Bus,
} from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';
import { spawnInboxConsumer } from './fixtures/spawn-consumer.ts';
import { createInbox, effectLedger, openTestStore } from './store-fixture.ts';

describe('consumer host with the inbox', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const { store, dbName, drop } = await openTestStore();
    const queue = uniqueName('inbox.q');
    const type = uniqueTaskType();
    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    const buses: Bus[] = [];
    cleanups.push(async () => {
      for (const bus of buses) await bus.close();
      await deleteQueues(queue);
      await drop();
    });
    const consumer = async (handlerDelayMs = 0) => {
      const bus = await openBus(uniqueName('inbox-consumer'));
      buses.push(bus);
      const host = bus.consumer({
        queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
        prefetch: 1,
        inbox: createInbox(store),
        leaseMs: 1_500,
        handlerTimeoutMs: 1_000,
        heldWaitMs: 8_000,
        crashLimit: 2,
        retry: { maxAttempts: 5, tiers: fastTiers },
      });
      const calls: { messageId: string; epoch: number | undefined; crashes: number | undefined }[] = [];
      host.on(type, async (message) => {
        calls.push({
          messageId: message.envelope.messageId,
          epoch: message.claim?.epoch,
          crashes: message.claim?.crashes,
        });
        await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
        await ledger.apply(message.envelope.messageId);
      });
      await host.start();
      return { bus, host, calls };
    };
    const publish = async (bus: Bus, messageId: string, body: Record<string, unknown>) =>
      bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body, messageId });
    return { store, dbName, queue, type, ledger, consumer, publish };
  }

  it('applies a messageId published twice only once', async () => {
    const { consumer, publish, ledger } = await setup();
    const { bus, host, calls } = await consumer();
    await publish(bus, 'order-1:reserve', { n: 1 });
    await waitFor(() => host.stats.acked === 1, { timeoutMs: 5_000, what: 'first copy acked' });
    await publish(bus, 'order-1:reserve', { n: 1 });
    await waitFor(() => host.stats.acked === 2, { timeoutMs: 5_000, what: 'second copy acked' });
    expect(calls).toHaveLength(1);
    expect(host.stats.duplicatesSkipped).toBe(1);
    expect(await ledger.count()).toBe(1);
    expect(ledger.duplicates()).toBe(0);
  });

  it('applies once when two competing consumers get copies of one message at the same time', async () => {
    const { consumer, publish, ledger } = await setup();
    const first = await consumer(300);
    const second = await consumer(300);
    await Promise.all([publish(first.bus, 'same-id', { n: 1 }), publish(second.bus, 'same-id', { n: 1 })]);
    await waitFor(() => first.host.stats.acked + second.host.stats.acked >= 3, {
      timeoutMs: 10_000,
      what: 'both copies settled (one handled, one deferred then skipped)',
    });
    await waitFor(() => first.host.stats.duplicatesSkipped + second.host.stats.duplicatesSkipped === 1, {
      timeoutMs: 10_000,
      what: 'the deferred copy skipped as done',
    });
    expect(first.calls.length + second.calls.length).toBe(1);
    expect(first.host.stats.deferred + second.host.stats.deferred).toBeGreaterThanOrEqual(1);
    expect(await ledger.count()).toBe(1);
    expect(ledger.duplicates()).toBe(0);
  });

  it('takes over from a holder killed mid-handler, as a crash suspect rather than a crash', async () => {
    const { consumer, publish, ledger, dbName, queue, type } = await setup();
    const doomed = spawnInboxConsumer({ dbName, queue, type: type.name });
    await doomed.waitForLine(/^ready$/);
    const publisher = await openBus(uniqueName('inbox-publisher'));
    cleanups.push(() => publisher.close());
    await publish(publisher, 'held-by-the-dead', { n: 1, action: 'hang' });
    await doomed.waitForLine(/^handling 1 hang$/);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');

    const survivor = await consumer();
    await waitFor(() => survivor.calls.length === 1, { timeoutMs: 15_000, what: 'the takeover' });
    await waitFor(async () => (await ledger.count()) === 1, { timeoutMs: 5_000, what: 'the effect' });
    // The dead holder was not running it alone (its death is not proven to be this message's doing).
    expect(survivor.calls[0]).toEqual({ messageId: 'held-by-the-dead', epoch: 2, crashes: 0 });
    // The redelivered copy waited for the dead holder's liveness to lapse instead of going round a tier.
    expect(survivor.host.stats.deferred).toBe(0);
    expect(ledger.duplicates()).toBe(0);
  });

  it('dead-letters a reused messageId that arrives with another payload', async () => {
    const { consumer, publish, ledger, queue } = await setup();
    const { bus, host, calls } = await consumer();
    await publish(bus, 'reused', { n: 1 });
    await waitFor(() => host.stats.acked === 1, { timeoutMs: 5_000, what: 'first message acked' });
    await publish(bus, 'reused', { n: 2 });
    await waitFor(() => host.stats.deadLettered === 1, { timeoutMs: 5_000, what: 'the reuse dead-lettered' });
    const [dead] = await drainQueue(deadLetterQueueName(queue));
    expect(headerString(dead?.properties.headers?.[Header.deadLetterReason])).toBe(DeadLetterReason.reusedId);
    expect(JSON.parse(dead?.content.toString() ?? '{}')).toEqual({ n: 2 });
    expect(calls).toHaveLength(1);
    expect(await ledger.count()).toBe(1);
  });
});
