import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createOutboxRelay,
  markOutboxSent,
  outboxEntries,
  outboxFields,
  outboxSetAsideQueue,
  publishOutbox,
  recordPendingOutbox,
  withOutbox,
  type OutboxEntry,
  type OutboxFields,
  type OutboxMessage,
  type OutboxRelay,
} from '@conveyor/outbox';
import { createDeadLetterStore } from '@conveyor/store';
import { uniqueName, waitFor } from '../../support/index.ts';
import {
  manualClock,
  openTestStore,
  silentLogger,
  type ManualClock,
  type TestStore,
} from './store-fixture.ts';

interface Order extends OutboxFields {
  _id: string;
  state: string;
}

const graceMs = 5_000;

function message(routingKey: string, fields: Partial<OutboxMessage> = {}): OutboxMessage {
  return { exchange: 'conveyor.orders', routingKey, type: 'order.step.v1', body: { routingKey }, ...fields };
}

describe('outbox', () => {
  let testStore: TestStore;
  let clock: ManualClock;
  let ordersName: string;
  let published: OutboxEntry[];
  let relay: OutboxRelay;

  beforeEach(async () => {
    testStore = await openTestStore();
    clock = manualClock();
    ordersName = uniqueName('orders');
    published = [];
    relay = createOutboxRelay({
      store: testStore.store,
      owner: 'test',
      collections: [ordersName],
      publish: (entry) => {
        published.push(entry);
        return Promise.resolve();
      },
      graceMs,
      intervalMs: 20,
      logger: silentLogger,
      clock: clock.now,
    });
  });

  afterEach(async () => {
    await relay.stop();
    await testStore.drop();
  });

  function orders() {
    return testStore.store.db.collection<Order>(ordersName);
  }

  async function placeOrder(id: string, messages: OutboxMessage[]): Promise<OutboxEntry[]> {
    const entries = outboxEntries(messages, new Date(clock.now()));
    await orders().insertOne({ _id: id, state: 'placed', ...outboxFields(entries) });
    return entries;
  }

  it('fixes message ids when the entries are written', () => {
    const [given, generated] = outboxEntries([message('a', { messageId: 'order-1:reserve' }), message('b')]);
    expect(given?.messageId).toBe('order-1:reserve');
    expect(generated?.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes entries left unsent past the grace period exactly once, and marks them sent', async () => {
    const entries = await placeOrder('order-1', [message('reserve'), message('notify')]);
    clock.advance(graceMs + 1);

    expect(await relay.runOnce()).toBe(2);
    expect(await relay.runOnce()).toBe(0);

    expect(published.map((entry) => entry.messageId)).toEqual(entries.map((entry) => entry.messageId));
    expect(published[0]).toMatchObject({
      exchange: 'conveyor.orders',
      routingKey: 'reserve',
      body: { routingKey: 'reserve' },
    });
    const markers = await testStore.store.db.collection('outbox_sent').countDocuments({ docId: 'order-1' });
    expect(markers).toBe(2);
  });

  it('leaves entries within the grace period to their writer', async () => {
    await placeOrder('order-1', [message('reserve')]);
    clock.advance(graceMs - 1);
    expect(await relay.runOnce()).toBe(0);

    clock.advance(2);
    expect(await relay.runOnce()).toBe(1);
  });

  it('does not publish what the writer already published', async () => {
    const entries = await placeOrder('order-1', [message('reserve'), message('notify')]);
    await markOutboxSent(
      testStore.store,
      ordersName,
      'order-1',
      entries.slice(0, 1).map((entry) => entry.messageId),
    );
    clock.advance(graceMs + 1);

    expect(await relay.runOnce()).toBe(1);
    expect(published.map((entry) => entry.routingKey)).toEqual(['notify']);
  });

  it('appends entries with a state change in one update and relays only the unsent ones', async () => {
    const placed = await placeOrder('order-1', [message('reserve')]);
    await markOutboxSent(
      testStore.store,
      ordersName,
      'order-1',
      placed.map((entry) => entry.messageId),
    );
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(0);

    const next = outboxEntries([message('pay')], new Date(clock.now()));
    await orders().updateOne({ _id: 'order-1', state: 'placed' }, withOutbox({ state: 'reserved' }, next));
    clock.advance(graceMs + 1);

    expect(await relay.runOnce()).toBe(1);
    expect(published.map((entry) => entry.routingKey)).toEqual(['pay']);
    const order = await orders().findOne({ _id: 'order-1' });
    expect(order?.state).toBe('reserved');
    expect(order?.outbox.map((entry) => entry.routingKey)).toEqual(['reserve', 'pay']);
  });

  it('retries an entry whose publish failed on the next pass, without holding back the others', async () => {
    let failing = true;
    const flaky = createOutboxRelay({
      store: testStore.store,
      owner: 'test',
      collections: [ordersName],
      publish: (entry) => {
        if (failing && entry.routingKey === 'first') return Promise.reject(new Error('broker unavailable'));
        published.push(entry);
        return Promise.resolve();
      },
      graceMs,
      intervalMs: 20,
      logger: silentLogger,
      clock: clock.now,
    });
    await placeOrder('order-1', [message('first')]);
    clock.advance(1);
    await placeOrder('order-2', [message('second')]);
    clock.advance(graceMs + 1);

    expect(await flaky.runOnce()).toBe(1);
    failing = false;
    expect(await flaky.runOnce()).toBe(1);
    expect(published.map((entry) => entry.routingKey)).toEqual(['second', 'first']);
    await flaky.stop();
  });

  it('runs on its interval once started, and stops idempotently', async () => {
    await placeOrder('order-1', [message('reserve')]);
    clock.advance(graceMs + 1);

    await relay.start();
    await waitFor(() => published.length === 1, { what: 'the relay to publish the unsent entry' });

    const stopping = relay.stop();
    expect(relay.stop()).toBe(stopping);
    await stopping;
    expect(await orders().indexExists('outboxDueAt')).toBe(true);
  });
});

/** What the relay's owner treats as a message that can never be published (the bus's too-large error). */
class NeverPublishableError extends Error {}

describe('outbox pending writes', () => {
  const hourMs = 60 * 60_000;
  let testStore: TestStore;
  let clock: ManualClock;
  let jobsName: string;
  let published: OutboxEntry[];
  let relay: OutboxRelay;

  function createRelay(timeScannedCollections?: string[]): OutboxRelay {
    return createOutboxRelay({
      store: testStore.store,
      owner: 'test',
      collections: [jobsName],
      ...(timeScannedCollections === undefined ? {} : { timeScannedCollections }),
      publish: (entry) => {
        if (entry.routingKey === 'too-large') return Promise.reject(new NeverPublishableError('too large'));
        published.push(entry);
        return Promise.resolve();
      },
      unpublishableReason: (failure) =>
        failure.kind === 'publish-failed' && failure.error instanceof NeverPublishableError
          ? 'too-large'
          : undefined,
      graceMs,
      intervalMs: 20,
      logger: silentLogger,
      clock: clock.now,
      abandonAfterMs: hourMs,
    });
  }

  beforeEach(async () => {
    testStore = await openTestStore();
    clock = manualClock();
    jobsName = uniqueName('jobs');
    published = [];
    // As for `jobs`: every writer records pending writes, so no scan by time.
    relay = createRelay([]);
  });

  afterEach(async () => {
    await relay.stop();
    await testStore.drop();
  });

  function jobs() {
    return testStore.store.db.collection<Order>(jobsName);
  }

  /** What a writer that crashed right after its write leaves: a pending record, then the document. */
  async function writeAndCrash(
    id: string,
    routingKeys: string[],
    writerClock: number,
  ): Promise<OutboxEntry[]> {
    const entries = outboxEntries(
      routingKeys.map((routingKey) => message(routingKey)),
      new Date(writerClock),
    );
    await recordPendingOutbox(testStore.store, { collection: jobsName, docId: id, entries });
    await jobs().insertOne({ _id: id, state: 'accepted', ...outboxFields(entries) });
    return entries;
  }

  it('publishes a document whose due time is an hour behind the watermark', async () => {
    // A collection still scanned by time as well, so that it has a watermark to be behind.
    await relay.stop();
    relay = createRelay([jobsName]);
    const [first] = await writeAndCrash('job-1', ['first'], clock.now());
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(1);
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(0);
    const state = await testStore.store.db
      .collection<{ _id: string; scannedUpTo: Date }>('outbox_relay_state')
      .findOne({ _id: `test:${jobsName}` });
    expect(state?.scannedUpTo.getTime()).toBe(clock.now() - graceMs);

    // A writer whose clock is an hour behind (or a write visible an hour late) writes now, and crashes.
    const behind = (state?.scannedUpTo.getTime() ?? 0) - hourMs;
    const [late] = await writeAndCrash('job-2', ['late'], behind);
    expect(await relay.runOnce()).toBe(0);
    clock.advance(graceMs + 1);

    expect(await relay.runOnce()).toBe(1);
    expect(published.map((entry) => entry.messageId)).toEqual([first?.messageId, late?.messageId]);
    expect(await testStore.store.db.collection('outbox_pending').countDocuments()).toBe(0);
    expect(await relay.runOnce()).toBe(0);
  });

  it('waits for a write that is not visible yet, however old its writer says it is', async () => {
    const entries = outboxEntries([message('slow')], new Date(clock.now() - 2 * hourMs));
    await recordPendingOutbox(testStore.store, { collection: jobsName, docId: 'job-slow', entries });
    await relay.runOnce();
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(0);

    await jobs().insertOne({ _id: 'job-slow', state: 'accepted', ...outboxFields(entries) });
    expect(await relay.runOnce()).toBe(1);
    expect(published.map((entry) => entry.routingKey)).toEqual(['slow']);
  });

  it('drops a pending write that never applied once the abandon bound of its own clock has passed', async () => {
    const entries = outboxEntries([message('never')], new Date(clock.now()));
    await recordPendingOutbox(testStore.store, { collection: jobsName, docId: 'job-never', entries });
    await relay.runOnce();
    clock.advance(hourMs - 1);
    await relay.runOnce();
    expect(await testStore.store.db.collection('outbox_pending').countDocuments()).toBe(1);

    clock.advance(2);
    expect(await relay.runOnce()).toBe(0);
    expect(await testStore.store.db.collection('outbox_pending').countDocuments()).toBe(0);
    expect(published).toEqual([]);
  });

  it('leaves alone what the writer published itself', async () => {
    const entries = outboxEntries([message('own')], new Date(clock.now()));
    const pending = await recordPendingOutbox(testStore.store, {
      collection: jobsName,
      docId: 'job-own',
      entries,
    });
    await jobs().insertOne({ _id: 'job-own', state: 'accepted', ...outboxFields(entries) });
    const writerPublished: string[] = [];
    await publishOutbox(
      testStore.store,
      (outgoing) => {
        writerPublished.push(outgoing.messageId);
        return Promise.resolve();
      },
      { collection: jobsName, docId: 'job-own', entries, pending },
    );
    clock.advance(graceMs + 1);

    expect(await relay.runOnce()).toBe(0);
    expect(writerPublished).toEqual(entries.map((entry) => entry.messageId));
    expect(await testStore.store.db.collection('outbox_pending').countDocuments()).toBe(0);
  });

  it('sets aside an entry that can never be published as a dead letter, and publishes the next ones', async () => {
    await writeAndCrash('job-big', ['too-large', 'after-it'], clock.now());
    clock.advance(1);
    await writeAndCrash('job-next', ['next'], clock.now());
    await relay.runOnce();
    clock.advance(graceMs + 1);

    expect(await relay.runOnce()).toBe(2);
    expect(published.map((entry) => entry.routingKey).sort()).toEqual(['after-it', 'next']);
    const letters = await createDeadLetterStore(testStore.store).list({
      queue: outboxSetAsideQueue(jobsName),
    });
    expect(letters.entries).toHaveLength(1);
    expect(letters.entries[0]).toMatchObject({
      reason: 'too-large',
      type: 'order.step.v1',
      origin: { exchange: 'conveyor.orders', routingKey: 'too-large' },
      body: JSON.stringify({ routingKey: 'too-large' }),
    });
    expect(letters.entries[0]?.error).toContain('too large');

    // Nothing is left to retry: the next passes publish nothing and record nothing again.
    expect(await relay.runOnce()).toBe(0);
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(0);
    expect((await createDeadLetterStore(testStore.store).list()).entries).toHaveLength(1);
    expect(await testStore.store.db.collection('outbox_pending').countDocuments()).toBe(0);
  });

  it('does not let an entry that can never be published pin the watermark of a time-scanned collection', async () => {
    await relay.stop();
    relay = createRelay([jobsName]);
    const placeOrder = async (id: string, routingKey: string) => {
      const entries = outboxEntries([message(routingKey)], new Date(clock.now()));
      await jobs().insertOne({ _id: id, state: 'placed', ...outboxFields(entries) });
    };
    await placeOrder('order-big', 'too-large');
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(0);

    await placeOrder('order-next', 'next');
    clock.advance(graceMs + 1);
    expect(await relay.runOnce()).toBe(1);
    expect(published.map((entry) => entry.routingKey)).toEqual(['next']);
    const state = await testStore.store.db
      .collection<{ _id: string; scannedUpTo: Date }>('outbox_relay_state')
      .findOne({ _id: `test:${jobsName}` });
    expect(state?.scannedUpTo.getTime()).toBe(clock.now() - graceMs);
    expect((await createDeadLetterStore(testStore.store).list()).entries).toHaveLength(1);
  });
});
