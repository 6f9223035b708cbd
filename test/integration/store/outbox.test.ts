import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createOutboxRelay,
  markOutboxSent,
  outboxEntries,
  outboxFields,
  withOutbox,
  type OutboxEntry,
  type OutboxFields,
  type OutboxMessage,
  type OutboxRelay,
} from '@conveyor/outbox';
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
