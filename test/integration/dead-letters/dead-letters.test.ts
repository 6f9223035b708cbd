import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError } from '@conveyor/contracts';
import { Exchange } from '@conveyor/bus';
import { createDeadLetterArchiver, createReplayer } from '@conveyor/dead-letters';
import { createDeadLetterStore, createInbox, decodeDeadLetterBody } from '@conveyor/store';
import amqp from 'amqplib';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, silentLogger, uniqueTaskType } from '../bus/bus-fixture.ts';
import { effectLedger, openTestStore } from '../bus/store-fixture.ts';

describe('dead letters', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const { store, drop } = await openTestStore();
    const bus = await openBus(uniqueName('dead-letters'));
    const queues = [uniqueName('dl.orders'), uniqueName('dl.mail')];
    const type = uniqueTaskType();
    const inbox = createInbox(store);
    const deadLetters = createDeadLetterStore(store);
    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    const broken = new Set<number>([1]);
    const hosts = queues.map((queue) => {
      const host = bus.consumer({
        queue: { name: queue, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
        inbox,
        retry: { maxAttempts: 2, tiers: fastTiers },
      });
      host.on(type, async (message) => {
        if (broken.has(message.body.n)) throw new PermanentError('BROKEN', `n=${message.body.n} is broken`);
        await ledger.apply(`${message.queue}:${message.envelope.messageId}`);
      });
      return host;
    });
    for (const host of hosts) await host.start();
    const archiver = createDeadLetterArchiver({
      connection: bus.connection,
      deadLetters,
      logger: silentLogger,
      queues,
    });
    await archiver.start();
    const replayer = createReplayer({ publisher: bus.publisher, deadLetters, inbox, logger: silentLogger });
    cleanups.push(async () => {
      await archiver.stop();
      await bus.close();
      await deleteQueues(...queues);
      await drop();
    });
    const publish = (n: number) =>
      bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n } });
    return { queues, deadLetters, replayer, ledger, broken, publish, archiver, typeName: type.name };
  }

  it('archives every .dlq into storage with the reason, error, attempts and the message itself', async () => {
    const { queues, deadLetters, publish } = await setup();
    const { messageId } = await publish(1);
    await waitFor(async () => (await deadLetters.countByQueue()).length === 2, {
      timeoutMs: 10_000,
      what: 'both DLQs archived',
    });
    for (const queue of queues) {
      const { entries } = await deadLetters.list({ queue });
      expect(entries).toHaveLength(1);
      const entry = entries[0];
      expect(entry).toMatchObject({ queue, messageId, reason: 'permanent-failure', attempts: 1 });
      expect(entry?.error).toContain('BROKEN: n=1 is broken');
      expect(entry && JSON.parse(decodeDeadLetterBody(entry).toString())).toEqual({ n: 1 });
    }
  });

  it('archives a message that arrived without a messageId as having none', async () => {
    const { queues, deadLetters, typeName } = await setup();
    const connection = await amqp.connect(serverUrls().amqpUrl);
    try {
      const channel = await connection.createConfirmChannel();
      channel.publish(Exchange.events, typeName, Buffer.from('{"n":2}'), {
        persistent: true,
        type: typeName,
      });
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
    const archived = await waitFor(
      async () =>
        (await deadLetters.list({ queue: queues[0] })).entries.find(
          (entry) => entry.reason === 'missing-message-id',
        ),
      { timeoutMs: 10_000, what: 'the message without an id archived' },
    );
    expect(archived.messageId).toBeNull();
  });

  it('replays a dead letter to its own queue only, with a fresh attempt count, and it is processed', async () => {
    const { queues, deadLetters, replayer, ledger, broken, publish } = await setup();
    const { messageId } = await publish(1);
    await waitFor(async () => (await deadLetters.list({ queue: queues[0] })).entries.length === 1, {
      timeoutMs: 10_000,
      what: 'the dead letter archived',
    });
    const [entry] = (await deadLetters.list({ queue: queues[0] })).entries;
    broken.clear();
    const result = await replayer.replay(entry?.id ?? '');
    expect(result).toEqual({ status: 'replayed', id: entry?.id, queue: queues[0], messageId });
    await waitFor(async () => (await ledger.count()) === 1, {
      timeoutMs: 10_000,
      what: 'the replayed message applied',
    });
    expect(await ledger.count()).toBe(1);
    expect((await deadLetters.get(entry?.id ?? ''))?.replayedAt).toBeInstanceOf(Date);
  });

  it('reports a replay of a message whose effect is already done instead of skipping it silently', async () => {
    const { queues, deadLetters, replayer, broken, publish, ledger } = await setup();
    await publish(1);
    await waitFor(async () => (await deadLetters.list({ queue: queues[0] })).entries.length === 1, {
      timeoutMs: 10_000,
      what: 'the dead letter archived',
    });
    const [entry] = (await deadLetters.list({ queue: queues[0] })).entries;
    broken.clear();
    expect((await replayer.replay(entry?.id ?? '')).status).toBe('replayed');
    await waitFor(async () => (await ledger.count()) === 1, {
      timeoutMs: 10_000,
      what: 'the replay applied',
    });
    expect((await replayer.replay(entry?.id ?? '')).status).toBe('already-done');
    expect(await replayer.replay('no-such-id')).toEqual({ status: 'not-found', id: 'no-such-id' });
  });

  it('replays all of a queue and purges what is left', async () => {
    const { queues, deadLetters, replayer, broken, publish, ledger } = await setup();
    broken.add(2).add(3);
    await Promise.all([publish(1), publish(2), publish(3)]);
    await waitFor(async () => (await deadLetters.list({ queue: queues[0] })).entries.length === 3, {
      timeoutMs: 10_000,
      what: 'three dead letters archived',
    });
    broken.clear();
    const progress: string[] = [];
    const results = await replayer.replayAll(
      { queue: queues[0] ?? '' },
      { onProgress: (result) => progress.push(result.status) },
    );
    expect(results.map((result) => result.status)).toEqual(['replayed', 'replayed', 'replayed']);
    expect(progress).toHaveLength(3);
    await waitFor(async () => (await ledger.count()) === 3, {
      timeoutMs: 10_000,
      what: 'three replays applied',
    });
    expect(await deadLetters.purge({ queue: queues[1] ?? '' })).toBe(3);
    expect((await deadLetters.list({ queue: queues[1] })).entries).toEqual([]);
  });

  it('keeps looking for a .dlq that does not exist yet, and archives from it once its service declares it', async () => {
    const { store, drop } = await openTestStore();
    const bus = await openBus(uniqueName('dead-letters-late'));
    const late = uniqueName('dl.late');
    const type = uniqueTaskType();
    const deadLetters = createDeadLetterStore(store);
    const archiver = createDeadLetterArchiver({
      connection: bus.connection,
      deadLetters,
      logger: silentLogger,
      queues: [late],
      retryMissingMs: 200,
    });
    cleanups.push(async () => {
      await archiver.stop();
      await bus.close();
      await deleteQueues(late);
      await drop();
    });
    await archiver.start();
    const host = bus.consumer({
      queue: { name: late, bindings: [{ exchange: Exchange.events, pattern: type.name }] },
    });
    host.on(type, () => {
      throw new PermanentError('BROKEN', 'always');
    });
    await host.start();
    await bus.publish({ exchange: Exchange.events, routingKey: type.name, type: type.name, body: { n: 1 } });
    await waitFor(async () => (await deadLetters.list({ queue: late })).entries.length === 1, {
      timeoutMs: 10_000,
      what: 'the late queue archived',
    });
    expect(archiver.archived).toBe(1);
  });
});
