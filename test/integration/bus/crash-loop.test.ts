import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterReason, Exchange, Header, deadLetterQueueName, headerString } from '@conveyor/bus';
import type amqp from 'amqplib';
import { closeBrokerConnections, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';
import { spawnInboxConsumer, type ConsumerProcess } from './fixtures/spawn-consumer.ts';
import { createInbox, effectLedger, openTestStore } from './store-fixture.ts';

/**
 * Starts a new consumer each time the current one dies, until `settled`; stops the last one and returns
 * the number of deaths.
 */
async function restartUntil(
  settled: Promise<unknown>,
  first: ConsumerProcess,
  start: () => ConsumerProcess,
): Promise<number> {
  let current = first;
  let deaths = 0;
  for (;;) {
    const outcome = await Promise.race([
      current.exited.then(() => 'died' as const),
      settled.then(() => 'settled' as const),
    ]);
    if (outcome === 'settled') break;
    deaths += 1;
    expect(deaths).toBeLessThanOrEqual(8);
    current = start();
  }
  current.child.kill('SIGTERM');
  await current.exited;
  return deaths;
}

describe('crash counting', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A store, a queue, a publisher, and `start()` for consumer processes on them, all cleaned up after. */
  async function crashTest(
    queuePrefix: string,
    consumer: Partial<Parameters<typeof spawnInboxConsumer>[0]> = {},
  ) {
    const { store, dbName, drop } = await openTestStore();
    const queue = uniqueName(queuePrefix);
    const type = uniqueTaskType();
    const publisher = await openBus(uniqueName('crash-publisher'));
    const processes: ConsumerProcess[] = [];
    cleanups.push(async () => {
      for (const running of processes) running.child.kill('SIGKILL');
      await publisher.close();
      await deleteQueues(queue);
      await drop();
    });
    const start = () => {
      const running = spawnInboxConsumer({ ...consumer, dbName, queue, type: type.name });
      processes.push(running);
      return running;
    };
    return { store, queue, type, publisher, processes, start };
  }

  it('dead-letters a message that kills its consumer process, after the crash limit, while the queue keeps flowing', async () => {
    const { store, queue, type, publisher, processes, start } = await crashTest('crash.q');

    const current = start();
    await current.waitForLine(/^ready$/);
    const { messageId: poisonId } = await publisher.publish({
      exchange: Exchange.events,
      routingKey: type.name,
      type: type.name,
      body: { n: 0, action: 'crash' },
    });
    for (let n = 1; n <= 10; n += 1) {
      await publisher.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n, action: 'apply' },
      });
    }

    const effects = store.db.collection<{ _id: string }>('effects');
    const deadLetters: amqp.GetMessage[] = [];
    const settled = waitFor(
      async () => {
        deadLetters.push(...(await drainQueue(deadLetterQueueName(queue))));
        return deadLetters.length === 1 && (await effects.countDocuments()) === 10;
      },
      { timeoutMs: 45_000, what: 'the poison message dead-lettered and 10 healthy ones applied' },
    );
    const deaths = await restartUntil(settled, current, start);

    const story = JSON.stringify({
      deaths,
      deadLetters: deadLetters.map((message): unknown[] => [
        message.properties.messageId,
        headerString(message.properties.headers?.[Header.deadLetterReason]),
      ]),
      lines: processes.map((running) => running.lines),
    });
    // The first death only makes it a suspect; then it runs alone and dies crashLimit (2) + 1 times.
    expect(deaths, story).toBe(4);
    expect(deadLetters[0]?.properties.messageId, story).toBe(poisonId);
    expect(headerString(deadLetters[0]?.properties.headers?.[Header.deadLetterReason])).toBe(
      DeadLetterReason.crashLoop,
    );
    expect(
      processes.flatMap((running) => running.lines).filter((line) => line.startsWith('duplicate-effect')),
    ).toEqual([]);
  });

  it('never dead-letters the messages that were running beside one that kills the process', async () => {
    // Prefetch 5: the four slow companions are still running when the poison kills the process.
    const { store, queue, type, publisher, processes, start } = await crashTest('crash-companions.q', {
      prefetch: 5,
      handlerTimeoutMs: 3_000,
      leaseMs: 6_000,
    });
    const first = start();
    await first.waitForLine(/^ready$/);
    const publish = (n: number, action: 'slow' | 'crash') =>
      publisher.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n, action },
      });
    for (let n = 1; n <= 4; n += 1) await publish(n, 'slow');
    const { messageId: poisonId } = await publish(0, 'crash');

    const effects = store.db.collection<{ _id: string }>('effects');
    const deadLetters: amqp.GetMessage[] = [];
    const settled = waitFor(
      async () => {
        deadLetters.push(...(await drainQueue(deadLetterQueueName(queue))));
        return deadLetters.length >= 1 && (await effects.countDocuments()) === 4;
      },
      { timeoutMs: 120_000, what: 'the poison dead-lettered and its four companions applied' },
    );
    const deaths = await restartUntil(settled, first, start);

    const story = JSON.stringify({
      deaths,
      deadLetters: deadLetters.map((message) => message.properties.messageId as unknown),
      lines: processes.map((running) => running.lines),
    });
    expect(
      deadLetters.map((message) => message.properties.messageId as unknown),
      story,
    ).toEqual([poisonId]);
    expect(await effects.countDocuments()).toBe(4);
    expect(deaths, story).toBe(4);
  });

  it('counts neither a dropped connection nor the deferrals it causes as crashes', async () => {
    const { store, drop } = await openTestStore();
    const queue = uniqueName('drop.q');
    const type = uniqueTaskType();
    const connectionName = uniqueName('drop-consumer');
    const bus = await openBus(connectionName);
    cleanups.push(async () => {
      await bus.close();
      await deleteQueues(queue);
      await drop();
    });
    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: { epoch: number | undefined; crashes: number | undefined }[] = [];
    const host = bus.consumer({
      queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
      prefetch: 1,
      inbox: createInbox(store),
      leaseMs: 20_000,
      handlerTimeoutMs: 15_000,
      crashLimit: 0,
      retry: { maxAttempts: 3, tiers: fastTiers },
    });
    host.on(type, async (message) => {
      calls.push({ epoch: message.claim?.epoch, crashes: message.claim?.crashes });
      await gate;
      await ledger.apply(message.envelope.messageId);
    });
    await host.start();
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 1 } });
    await waitFor(() => calls.length === 1, { timeoutMs: 5_000, what: 'the handler running' });

    expect(await closeBrokerConnections(connectionName)).toBe(1);
    await waitFor(() => host.stats.deferred >= 2, {
      timeoutMs: 10_000,
      what: 'the redelivered copy deferred',
    });
    release();
    await waitFor(() => host.stats.duplicatesSkipped === 1, {
      timeoutMs: 10_000,
      what: 'the deferred copy skipped',
    });

    expect(calls).toEqual([{ epoch: 1, crashes: 0 }]);
    expect(await ledger.count()).toBe(1);
    expect(host.stats.deadLettered).toBe(0);
  });
});
