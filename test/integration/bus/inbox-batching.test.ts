import { afterEach, describe, expect, it } from 'vitest';
import amqp from 'amqplib';
import {
  Exchange,
  declareSharedTopology,
  declareWorkQueue,
  type Bus,
  type InboxPort,
  type WorkQueueSpec,
} from '@conveyor/bus';
import { connectStore, type Inbox } from '@conveyor/store';
import { serverUrls, uniqueName, waitFor } from '../../support/index.ts';
import { deleteQueues, fastTiers, openBus, queueDepth, silentLogger, uniqueTaskType } from './bus-fixture.ts';
import { createInbox, effectLedger, openTestStore } from './store-fixture.ts';

/** The real inbox, noting the size of every batch the consumer host hands it. */
function batchRecordingInbox(inbox: Inbox) {
  const claimBatches: number[] = [];
  const doneBatches: number[] = [];
  const port: InboxPort = {
    claim: (request) => inbox.claim(request),
    renew: (claim, leaseMs) => inbox.renew(claim, leaseMs),
    markDone: (claim) => inbox.markDone(claim),
    release: (claim) => inbox.release(claim),
    isolate: (claim) => inbox.isolate(claim),
    claimMany: (requests) => {
      claimBatches.push(requests.length);
      return inbox.claimMany(requests);
    },
    markDoneMany: (claims) => {
      doneBatches.push(claims.length);
      return inbox.markDoneMany(claims);
    },
  };
  return { port, claimBatches, doneBatches };
}

/** Declares the queue before anything is published, so a burst waits for the consumers in full. */
async function declareQueue(spec: WorkQueueSpec): Promise<void> {
  const connection = await amqp.connect(serverUrls().amqpUrl);
  try {
    const channel = await connection.createChannel();
    await declareSharedTopology(channel, fastTiers);
    await declareWorkQueue(channel, spec);
  } finally {
    await connection.close();
  }
}

describe('consumer host with a batching inbox', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const queue = uniqueName('batching.q');
    const type = uniqueTaskType();
    const spec: WorkQueueSpec = {
      name: queue,
      bindings: [{ exchange: Exchange.events, pattern: type.name }],
    };
    const buses: Bus[] = [];
    cleanups.push(async () => {
      for (const bus of buses) await bus.close();
      await deleteQueues(queue);
    });
    const open = async (name: string) => {
      const bus = await openBus(uniqueName(name));
      buses.push(bus);
      return bus;
    };
    await declareQueue(spec);
    const publisher = await open('batching-publisher');
    const publish = (messageId: string, n: number) =>
      publisher.publish({
        exchange: Exchange.events,
        routingKey: type.name,
        type: type.name,
        body: { n },
        messageId,
      });
    return { queue, type, spec, open, publish };
  }

  it('applies every message of a burst exactly once across two consumers, duplicate copies included', async () => {
    const { store, drop } = await openTestStore();
    cleanups.push(drop);
    const { type, spec, open, publish } = await setup();
    const ledger = effectLedger(store.db.collection<{ _id: string }>('effects'));
    const ids = Array.from({ length: 500 }, (_, n) => `burst-${n}`);
    // Every fifth message is published twice, some copies side by side, some far apart.
    const copies = ids.filter((_, n) => n % 5 === 0);
    await Promise.all([
      ...ids.map((id, n) => publish(id, n)),
      ...copies.map((id) => publish(id, Number(id.slice('burst-'.length)))),
    ]);

    const handled: string[] = [];
    const consumers = await Promise.all(
      ['first', 'second'].map(async (name) => {
        const recording = batchRecordingInbox(createInbox(store));
        const host = (await open(`batching-${name}`)).consumer({
          queue: spec,
          prefetch: 50,
          inbox: recording.port,
          retry: { maxAttempts: 3, tiers: fastTiers },
        });
        host.on(type, async (message) => {
          handled.push(message.envelope.messageId);
          await ledger.apply(message.envelope.messageId);
        });
        await host.start();
        return { host, ...recording };
      }),
    );
    const total = ids.length + copies.length;
    await waitFor(
      () =>
        handled.length +
          consumers.reduce((skipped, { host }) => skipped + host.stats.duplicatesSkipped, 0) ===
        total,
      { timeoutMs: 60_000, what: `all ${total} copies handled or skipped as done` },
    );

    expect(handled).toHaveLength(ids.length);
    expect(new Set(handled)).toEqual(new Set(ids));
    expect(await ledger.count()).toBe(ids.length);
    expect(ledger.duplicates()).toBe(0);
    expect(consumers.reduce((sum, { host }) => sum + host.stats.deadLettered, 0)).toBe(0);
    // The burst really was claimed and marked done in batches, not one write per delivery.
    const claimBatches = consumers.flatMap(({ claimBatches: sizes }) => sizes);
    const doneBatches = consumers.flatMap(({ doneBatches: sizes }) => sizes);
    expect(Math.max(...claimBatches)).toBeGreaterThan(1);
    expect(Math.max(...doneBatches)).toBeGreaterThan(1);
    expect(Math.max(...claimBatches, ...doneBatches)).toBeLessThanOrEqual(50);
    expect(doneBatches.reduce((sum, size) => sum + size, 0)).toBe(ids.length);
  });

  it('acks none of the deliveries whose batched done mark failed: holds them, and hands them back on stop', async () => {
    const { store: inspection, dbName, drop } = await openTestStore();
    cleanups.push(drop);
    // The consumer's own client, closed while its handlers finish: their done marks cannot be written.
    const doomed = await connectStore({
      url: serverUrls().mongoUrl,
      dbName,
      logger: silentLogger,
      appName: 'conveyor-test-doomed',
    });
    cleanups.push(() => doomed.close());
    const { queue, type, spec, open, publish } = await setup();
    const ids = Array.from({ length: 5 }, (_, n) => `doomed-${n}`);
    await Promise.all(ids.map((id, n) => publish(id, n)));

    const bus = await open('batching-doomed');
    const recording = batchRecordingInbox(createInbox(doomed));
    const host = bus.consumer({
      queue: spec,
      prefetch: 10,
      inbox: recording.port,
      retry: { maxAttempts: 3, tiers: fastTiers },
    });
    const handled: string[] = [];
    let clientClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      clientClosed = resolve;
    });
    host.on(type, async (message) => {
      handled.push(message.envelope.messageId);
      if (handled.length === ids.length) void doomed.close().then(clientClosed);
      await closed;
    });
    await host.start();

    // The done marks are tried again while the deliveries are held: no redelivery, nothing acked.
    await waitFor(() => host.inboxAvailability.failures >= ids.length * 2, {
      timeoutMs: 15_000,
      what: 'the done marks tried again',
    });
    expect(host.stats.received).toBe(ids.length);
    expect(host.inboxAvailability.reason).toMatch(/has not answered since/);
    await host.stop();
    expect(host.stats.acked).toBe(0);
    expect(handled.sort()).toEqual(ids);
    expect(recording.doneBatches.reduce((sum, size) => sum + size, 0)).toBeGreaterThanOrEqual(ids.length);
    await waitFor(async () => (await queueDepth(queue)) === ids.length, {
      timeoutMs: 5_000,
      what: 'every message back in the queue',
    });
    const inbox = createInbox(inspection);
    const statuses = await Promise.all(ids.map((id) => inbox.status(queue, id)));
    expect(statuses).toEqual(ids.map(() => 'in-progress'));
  });
});
