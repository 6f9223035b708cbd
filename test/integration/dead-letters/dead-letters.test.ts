import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError } from '@conveyor/contracts';
import { Exchange } from '@conveyor/bus';
import {
  createDeadLetterArchiver,
  createReplayClaims,
  createReplayer,
  deadLetterReplaysCollection,
  replayClaimId,
  type ReplayClaim,
} from '@conveyor/dead-letters';
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
    const replayer = createReplayer({
      publisher: bus.publisher,
      deadLetters,
      inbox,
      claims: createReplayClaims(store),
      logger: silentLogger,
    });
    cleanups.push(async () => {
      await archiver.stop();
      await bus.close();
      await deleteQueues(...queues);
      await drop();
    });
    const publish = (n: number, messageId?: string) =>
      bus.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n },
        ...(messageId === undefined ? {} : { messageId }),
      });
    return {
      queues,
      deadLetters,
      replayer,
      ledger,
      broken,
      publish,
      archiver,
      typeName: type.name,
      store,
      bus,
      inbox,
      hosts,
    };
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
    const { messageId } = await publish(1);
    await waitFor(async () => (await deadLetters.list({ queue: queues[0] })).entries.length === 1, {
      timeoutMs: 10_000,
      what: 'the dead letter archived',
    });
    const [entry] = (await deadLetters.list({ queue: queues[0] })).entries;
    // Another copy of the message (a producer's retry) was handled meanwhile.
    broken.clear();
    await publish(1, messageId);
    await waitFor(async () => (await ledger.count()) === 2, {
      timeoutMs: 10_000,
      what: 'the other copy applied in both queues',
    });
    expect((await replayer.replay(entry?.id ?? '')).status).toBe('already-done');
    expect((await deadLetters.get(entry?.id ?? ''))?.replayedAt).toBeNull();
    expect(await replayer.replay('no-such-id')).toEqual({ status: 'not-found', id: 'no-such-id' });
  });

  it('replays a letter once: a second replay is refused as already replayed, forced or not', async () => {
    const { queues, deadLetters, replayer, broken, publish, ledger } = await setup();
    const { messageId } = await publish(1);
    const entry = await waitFor(async () => (await deadLetters.list({ queue: queues[0] })).entries[0], {
      timeoutMs: 10_000,
      what: 'the dead letter archived',
    });
    broken.clear();
    expect((await replayer.replay(entry.id)).status).toBe('replayed');
    await waitFor(async () => (await ledger.count()) === 1, {
      timeoutMs: 10_000,
      what: 'the replay applied',
    });
    const replayedAt = (await deadLetters.get(entry.id))?.replayedAt;

    for (const force of [false, true]) {
      expect(await replayer.replay(entry.id, { force })).toEqual({
        status: 'already-replayed',
        id: entry.id,
        queue: queues[0],
        messageId,
        since: replayedAt,
      });
    }
    expect(ledger.duplicates()).toBe(0);
  });

  it('runs the effect once when two requests replay one letter at once (a double click, two CLI calls)', async () => {
    const { queues, deadLetters, replayer, broken, publish, ledger, store, bus, inbox, hosts } =
      await setup();
    const [queue = ''] = queues;
    const { messageId } = await publish(1);
    const entry = await waitFor(async () => (await deadLetters.list({ queue })).entries[0], {
      timeoutMs: 10_000,
      what: 'the dead letter archived',
    });
    broken.clear();

    // The second request (another process: its own claims) reads the inbox before the first replay's
    // copy is handled and goes on only once that copy is done: the window in which a second reset of
    // the inbox record would let a second copy run the effect again.
    let statusRead: () => void = () => undefined;
    const secondReadTheInbox = new Promise<void>((resolve) => {
      statusRead = resolve;
    });
    const second = createReplayer({
      publisher: bus.publisher,
      deadLetters,
      claims: createReplayClaims(store),
      logger: silentLogger,
      inbox: {
        status: async (statusQueue, statusMessageId) => {
          const status = await inbox.status(statusQueue, statusMessageId);
          statusRead();
          await waitFor(async () => (await inbox.status(queue, messageId)) === 'done', {
            timeoutMs: 10_000,
            what: 'the first replay’s copy done',
          });
          return status;
        },
        reset: (resetQueue, resetMessageId) => inbox.reset(resetQueue, resetMessageId),
      },
    });
    const secondResult = second.replay(entry.id);
    await secondReadTheInbox;
    const firstResult = await replayer.replay(entry.id);

    expect(firstResult.status).toBe('replayed');
    expect(await secondResult).toMatchObject({ status: 'already-replayed', id: entry.id, messageId });

    // Whatever the replays published is ahead of this message in the queue: once it is handled and
    // nothing is in flight, every copy has been handled.
    const { messageId: after } = await publish(2);
    await waitFor(
      async () =>
        (await store.db
          .collection<{ _id: string }>('effects')
          .countDocuments({ _id: `${queue}:${after}` })) === 1 && hosts[0]?.unacked === 0,
      { timeoutMs: 10_000, what: 'the message published after the replays handled' },
    );
    expect(ledger.duplicates()).toBe(0);
    // The letter's effect, and the later message's in both queues.
    expect(await ledger.count()).toBe(3);
  });

  it('takes over a replay that died between its claim and its publish once the claim lease ran out', async () => {
    const { queues, deadLetters, replayer, broken, publish, ledger, store } = await setup();
    await publish(1);
    const entry = await waitFor(async () => (await deadLetters.list({ queue: queues[0] })).entries[0], {
      timeoutMs: 10_000,
      what: 'the dead letter archived',
    });
    broken.clear();
    // A dashboard request claimed the letter and was killed before publishing it.
    const claims = store.db.collection<ReplayClaim>(deadLetterReplaysCollection);
    const dead: ReplayClaim = {
      _id: replayClaimId(entry.id, 1),
      letterId: entry.id,
      generation: 1,
      claimedAt: new Date(),
      released: false,
    };
    await claims.insertOne(dead);
    expect((await replayer.replay(entry.id)).status).toBe('already-replayed');

    await claims.updateOne({ _id: dead._id }, { $set: { claimedAt: new Date(Date.now() - 61_000) } });
    expect((await replayer.replay(entry.id)).status).toBe('replayed');
    expect(await claims.findOne({ _id: replayClaimId(entry.id, 2) })).toMatchObject({ generation: 2 });
    await waitFor(async () => (await ledger.count()) === 1, {
      timeoutMs: 10_000,
      what: 'the replay applied',
    });
    expect((await replayer.replay(entry.id)).status).toBe('already-replayed');
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
