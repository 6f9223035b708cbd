// A consumer process killed with SIGKILL while it holds a claim: its process-wide liveness record stops
// being renewed, so another consumer takes the message over after a few seconds instead of after the
// claim's whole lease (60 s here, as with the default 30 s handler deadline).
import { afterEach, describe, expect, it } from 'vitest';
import { Exchange, deadLetterQueueName } from '@conveyor/bus';
import { uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, queueDepth, uniqueTaskType } from './bus-fixture.ts';
import { spawnInboxConsumer, type ConsumerProcess } from './fixtures/spawn-consumer.ts';
import { createInbox, effectLedger, openTestStore } from './store-fixture.ts';

describe('a killed holder', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('has its message handled once by another consumer within seconds, as a crash suspect', async () => {
    const { store, dbName, drop } = await openTestStore();
    const queue = uniqueName('killed.q');
    const type = uniqueTaskType();
    const bus = await openBus(uniqueName('killed-survivor'));
    const inbox = createInbox(store);
    const victim: ConsumerProcess = spawnInboxConsumer({
      dbName,
      queue,
      type: type.name,
      leaseMs: 60_000,
      handlerTimeoutMs: 30_000,
    });
    cleanups.push(async () => {
      victim.child.kill('SIGKILL');
      inbox.stopHeartbeat();
      await bus.close();
      await deleteQueues(queue);
      await drop();
    });

    await victim.waitForLine(/^ready$/);
    const { messageId } = await bus.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 1, action: 'hang' },
    });
    await victim.waitForLine(/^handling 1 hang$/);

    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    const calls: { crashes: number | undefined; at: number }[] = [];
    const survivor = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
      prefetch: 1,
      inbox,
      leaseMs: 60_000,
      handlerTimeoutMs: 30_000,
      crashLimit: 2,
      retry: { maxAttempts: 5, tiers: fastTiers },
    });
    survivor.on(type, async (message) => {
      calls.push({ crashes: message.claim?.crashes, at: performance.now() });
      await ledger.apply(message.envelope.messageId);
    });
    await survivor.start();

    victim.child.kill('SIGKILL');
    const killedAt = performance.now();
    await victim.exited;
    await waitFor(async () => (await ledger.count()) === 1, {
      timeoutMs: 30_000,
      what: 'the killed holder’s message handled by the survivor',
    });
    const handledAt = calls[0]?.at ?? Number.NaN;
    console.log(
      `kill -9 → handled again: ${(handledAt - killedAt).toFixed(0)} ms ` +
        `(claim lease 60000 ms; ${String(survivor.stats.deferred)} deferrals)`,
    );
    // Nothing else arrives: wait until the queue is empty and nothing is in flight.
    await waitFor(async () => (await queueDepth(queue)) === 0 && survivor.unacked === 0, {
      timeoutMs: 10_000,
      what: 'the queue settled',
    });

    // A suspect, not a crash: the victim had not isolated it (only a death while alone counts).
    expect(calls.map(({ crashes }) => crashes)).toEqual([0]);
    expect(await ledger.count()).toBe(1);
    expect(ledger.duplicates()).toBe(0);
    expect(await inbox.status(queue, messageId)).toBe('done');
    expect(await queueDepth(deadLetterQueueName(queue))).toBe(0);
  });
});
