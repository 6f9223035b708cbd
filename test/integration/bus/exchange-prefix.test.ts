import amqp from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { Exchange, type Bus } from '@conveyor/bus';
import { PermanentError, RetryableError } from '@conveyor/contracts';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, drainQueue, fastTiers, openBus, uniqueTaskType } from './bus-fixture.ts';

/** Whether the broker has this exchange (a passive declare that fails closes only its own channel). */
async function exchangeExists(name: string): Promise<boolean> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return await channel.checkExchange(name).then(
      () => true,
      () => false,
    );
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Deletes exchanges, and the queue of the same name where there is one (a retry tier's). */
async function deleteExchangesAndTheirQueues(names: readonly string[]): Promise<void> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const name of names) {
      await channel.deleteExchange(name);
      await channel.deleteQueue(name);
    }
  } finally {
    await connection.close();
  }
}

describe('exchange prefix (two deployments in one vhost)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("keeps each deployment's events, retries and dead letters on its own exchanges", async () => {
    const prefix = uniqueName('acme').replaceAll('_', '-').toLowerCase();
    const type = uniqueTaskType();
    const ours = await openBus(uniqueName('default-deployment'));
    const theirs: Bus = await openBus(uniqueName('prefixed-deployment'), { exchangePrefix: prefix });
    const ourQueue = uniqueName('prefix.ours');
    const theirQueue = uniqueName('prefix.theirs');
    const prefixed = ['events', 'dlx', ...fastTiers.map((tier) => `retry.${tier.name}`)].map(
      (name) => `${prefix}.${name}`,
    );
    cleanups.push(async () => {
      await ours.close();
      await theirs.close();
      await deleteQueues(ourQueue, theirQueue);
      await deleteExchangesAndTheirQueues(prefixed);
    });
    // Both bind the same event type by its default exchange name.
    const binding = [{ exchange: Exchange.events, pattern: type.name }];
    const ourSeen: number[] = [];
    const theirSeen: Array<{ n: number; attempt: number }> = [];
    const ourConsumer = ours.consumer({ queue: { name: ourQueue, bindings: binding } });
    ourConsumer.on(type, (message) => {
      ourSeen.push(message.body.n);
    });
    const theirConsumer = theirs.consumer({
      queue: { name: theirQueue, bindings: binding },
      retry: { maxAttempts: 3, tiers: fastTiers },
    });
    theirConsumer.on(type, (message) => {
      theirSeen.push({ n: message.body.n, attempt: message.envelope.attempt });
      if (message.body.note === 'poison') throw new PermanentError('POISON', 'never works');
      if (message.envelope.attempt === 1) throw new RetryableError('FLAKY', 'the first try fails');
    });
    await ourConsumer.start();
    await theirConsumer.start();

    const publish = (bus: Bus, n: number, note?: string) =>
      bus.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: note === undefined ? { n } : { n, note },
      });
    await publish(ours, 1);
    await publish(theirs, 2);
    await publish(theirs, 3, 'poison');

    await waitFor(() => ourSeen.length === 1 && theirSeen.length === 3 && theirConsumer.stats.acked === 3, {
      what: 'each deployment to handle its own messages (one retried, one dead-lettered)',
      timeoutMs: 15_000,
    });
    expect(ourSeen).toEqual([1]);
    // 2 failed once and came back through `<prefix>.retry.<tier>`; 3 went to the dead-letter queue.
    expect(theirSeen.toSorted((a, b) => a.n - b.n || a.attempt - b.attempt)).toEqual([
      { n: 2, attempt: 1 },
      { n: 2, attempt: 2 },
      { n: 3, attempt: 1 },
    ]);
    const letters = await drainQueue(`${theirQueue}.dlq`);
    expect(letters.map((letter) => JSON.parse(letter.content.toString()) as unknown)).toEqual([
      { n: 3, note: 'poison' },
    ]);
    for (const name of prefixed) expect(await exchangeExists(name), name).toBe(true);
    expect(await exchangeExists(Exchange.events)).toBe(true);
  });
});
