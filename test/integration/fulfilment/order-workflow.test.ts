import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  orderCompensated,
  orderCompleted,
  orderPlaced,
  orderProgressEvent,
  orderProgressSubject,
  orderStockReserved,
  type OrderStatus,
} from '@conveyor/contracts';
import {
  inventoryOperations,
  paymentOperations,
  sandboxEffectsCollection,
  shippingOperations,
  type SandboxEffect,
} from '@conveyor/fulfilment-worker';
import {
  createOrder,
  getOrder,
  orderMessageIds,
  stepIdempotencyKey,
  undoIdempotencyKey,
  type OrderDocument,
} from '@conveyor/orders';
import { outboxCollectionNames } from '@conveyor/outbox';
import { waitFor } from '../../support/index.ts';
import { callKey, openFulfilmentRig, type FulfilmentRig } from './fulfilment-fixture.ts';
import { orderInput } from './orders-fixture.ts';

describe('order workflow', () => {
  let rig: FulfilmentRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  async function orderReaching(order: OrderDocument, status: OrderStatus): Promise<OrderDocument> {
    const store = rig?.testStore.store;
    if (store === undefined) throw new Error('no rig');
    return waitFor(
      async () => {
        const current = await getOrder(store, order.tenantId, order._id);
        return current?.status === status ? current : undefined;
      },
      { what: `order ${order._id} to be ${status}`, timeoutMs: 20_000 },
    );
  }

  async function effectsOf(orderId: string): Promise<SandboxEffect[]> {
    const store = rig?.testStore.store;
    if (store === undefined) throw new Error('no rig');
    return store.db.collection<SandboxEffect>(sandboxEffectsCollection).find({ orderId }).toArray();
  }

  it('takes an order from placed to completed, calling each provider once per idempotency key', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();
    const progress: { sequence: number; status: OrderStatus }[] = [];
    const orderId = randomUUID();
    const subscription = rig.events.subscribe(
      orderProgressSubject('acme', orderId),
      orderProgressEvent,
      (event) => {
        progress.push({ sequence: event.sequence, status: event.status });
      },
    );
    await rig.events.connection.flush();

    const placed = await rig.placeOrder({ orderId, express: true });
    const completed = await orderReaching(placed, 'completed');
    // Progress is best-effort, but nothing here stops it: every transition is announced, after its write.
    // Events may overtake each other on the way; receivers order them by sequence.
    await waitFor(() => progress.length >= 3, { what: 'the three progress events' });
    await subscription.unsubscribe();

    expect(completed).toMatchObject({
      sequence: 5,
      stepDeadline: null,
      steps: { reserve: { state: 'done' }, payment: { state: 'done' }, shipping: { state: 'done' } },
    });
    expect(completed.history.map((entry) => entry.event)).toEqual([
      'accepted',
      'reserve.done',
      'payment.done',
      'completed',
    ]);
    expect(Object.fromEntries(rig.calls)).toEqual({
      [callKey(inventoryOperations.reserve, stepIdempotencyKey(placed._id, 'reserve'))]: 1,
      [callKey(paymentOperations.capture, stepIdempotencyKey(placed._id, 'payment'))]: 1,
      [callKey(shippingOperations.ship, stepIdempotencyKey(placed._id, 'shipping'))]: 1,
    });
    expect((await effectsOf(placed._id)).map((effect) => effect.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);

    const done = await waitFor(() => rig?.observed.find((message) => message.type === orderCompleted.name), {
      what: 'order.completed.v1 to be published',
    });
    expect(done).toMatchObject({ messageId: orderMessageIds.completed(placed._id), priority: 8 });
    expect(done.body).toMatchObject({ orderId: placed._id, sequence: 5 });
    const inSequence = [...progress].sort((a, b) => a.sequence - b.sequence).map((event) => event.status);
    // The shipping step's write completes the order: one announcement for both.
    expect(inSequence).toEqual(['in_progress', 'in_progress', 'completed']);
  });

  it('does not call a provider again when a done step is triggered again under a new message id', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();
    const placed = await rig.placeOrder();
    await orderReaching(placed, 'completed');
    const callsBefore = Object.fromEntries(rig.calls);

    // As the supervisor sweep does: the same body under a fresh id, so the inbox lets it through.
    const original = rig.observed.find((message) => message.type === orderPlaced.name);
    if (original === undefined) throw new Error('order.placed.v1 was not observed');
    await rig.bus.publish({
      exchange: rig.exchange,
      routingKey: orderPlaced.name,
      type: orderPlaced.name,
      body: original.body,
      messageId: `${placed._id}:placed:again`,
      tenant: placed.tenantId,
    });

    // The handler finds the step recorded and re-emits its message under the original id.
    const reserveDoneId = orderMessageIds.stepDone(placed._id, 'reserve');
    await waitFor(
      () =>
        (rig?.observed.filter(
          (message) => message.type === orderStockReserved.name && message.messageId === reserveDoneId,
        ).length ?? 0) >= 2,
      { what: 'order.stock-reserved.v1 to be re-emitted' },
    );
    expect(Object.fromEntries(rig.calls)).toEqual(callsBefore);
    const order = await getOrder(rig.testStore.store, placed.tenantId, placed._id);
    expect(order?.history.filter((entry) => entry.event === 'reserve.done')).toHaveLength(1);
    expect(order?.sequence).toBe(5);
    // A re-emit records nothing: no relay scans orders by time, so a sent marker would never be read.
    const markers = rig.testStore.store.db.collection<{ _id: string }>(outboxCollectionNames.sent);
    expect(await markers.countDocuments({ _id: reserveDoneId })).toBe(0);
  });

  it('runs a step event an earlier version left in its queue as the rest of the order’s forward path', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();
    // Written, not published: only the left-over step event reaches the worker.
    const { order } = await createOrder(rig.testStore.store, orderInput({ exchange: rig.exchange }));
    await rig.bus.publish({
      exchange: '',
      routingKey: rig.queues.orders,
      type: orderStockReserved.name,
      body: { orderId: order._id, tenantId: order.tenantId, sequence: 2, reservationId: 'rsv-from-before' },
      messageId: orderMessageIds.stepDone(order._id, 'reserve'),
      tenant: order.tenantId,
    });

    const completed = await orderReaching(order, 'completed');
    expect(completed.history.map((entry) => entry.event)).toEqual([
      'accepted',
      'reserve.done',
      'payment.done',
      'completed',
    ]);
    expect([...rig.calls.values()]).toEqual([1, 1, 1]);
  });

  it('compensates a declined payment: releases the stock, refunds nothing, and announces it', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();

    const placed = await rig.placeOrder({ items: [{ sku: 'DECLINE-CARD', qty: 1 }] });
    const compensated = await orderReaching(placed, 'compensated');

    expect(compensated).toMatchObject({
      failure: { step: 'payment', outcomeUnknown: false },
      steps: {
        reserve: { state: 'compensated' },
        payment: { state: 'failed' },
        shipping: { state: 'pending' },
      },
    });
    expect(compensated.failure?.reason).toMatch(/^CARD_DECLINED: /);
    const effects = await effectsOf(placed._id);
    expect(effects.map((effect) => [effect.operation, effect.outcome]).sort()).toEqual([
      [inventoryOperations.release, 'applied'],
      [inventoryOperations.reserve, 'applied'],
      [paymentOperations.capture, 'rejected'],
    ]);
    expect(
      rig.calls.get(callKey(paymentOperations.refund, undoIdempotencyKey(placed._id, 'payment'))),
    ).toBeUndefined();
    expect(
      rig.calls.get(callKey(shippingOperations.ship, stepIdempotencyKey(placed._id, 'shipping'))),
    ).toBeUndefined();

    const announced = await waitFor(
      () => rig?.observed.find((message) => message.type === orderCompensated.name),
      {
        what: 'order.compensated.v1 to be published',
      },
    );
    expect(announced.body).toMatchObject({ orderId: placed._id, failedStep: 'payment' });
  });

  it('refunds the payment and releases the stock, in that order, when shipping fails for good', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();

    const placed = await rig.placeOrder({ items: [{ sku: 'UNDELIVERABLE-PIANO', qty: 1 }] });
    const compensated = await orderReaching(placed, 'compensated');

    expect(compensated.steps).toMatchObject({
      reserve: { state: 'compensated' },
      payment: { state: 'compensated' },
      shipping: { state: 'failed' },
    });
    expect(compensated.history.map((entry) => entry.event).slice(-4)).toEqual([
      'shipping.failed',
      'payment.compensated',
      'reserve.compensated',
      'compensated',
    ]);
    const undone = (await effectsOf(placed._id)).filter((effect) => effect.outcome === 'applied');
    expect(undone.map((effect) => effect.operation).sort()).toEqual(
      [
        inventoryOperations.reserve,
        inventoryOperations.release,
        paymentOperations.capture,
        paymentOperations.refund,
      ].sort(),
    );
  });

  it('compensates a step still failing on its last attempt instead of dead-lettering it', async () => {
    // Calls in order: reserve, capture (attempt 1), capture (attempt 2), then the undo calls.
    const draws = [0.9, 0, 0];
    rig = await openFulfilmentRig({
      latencyMs: 0,
      failureRate: { inventory: 0, payment: 0.5, shipping: 0 },
      random: () => draws.shift() ?? 0.9,
    });
    await rig.startWorker({ maxAttempts: 2 });

    const placed = await rig.placeOrder();
    const compensated = await orderReaching(placed, 'compensated');

    expect(compensated.failure).toMatchObject({ step: 'payment', outcomeUnknown: true });
    expect(compensated.failure?.reason).toMatch(/^PROVIDER_UNAVAILABLE: /);
    expect(compensated.steps.payment).toMatchObject({ state: 'failed', attempts: 2 });
    expect(rig.calls.get(callKey(paymentOperations.capture, stepIdempotencyKey(placed._id, 'payment')))).toBe(
      2,
    );
    expect(await rig.deadLetterCount(rig.queues.orders)).toBe(0);
    // The capture may have taken effect unseen: compensation voided its key, so it never can.
    const capture = (await effectsOf(placed._id)).find(
      (effect) => effect.operation === paymentOperations.capture,
    );
    expect(capture?.outcome).toBe('voided');
    await expect(
      rig.providers.payment.capture({
        idempotencyKey: stepIdempotencyKey(placed._id, 'payment'),
        tenantId: placed.tenantId,
        orderId: placed._id,
        customerId: placed.customerId,
        amountCents: 100,
        items: placed.items,
      }),
    ).rejects.toMatchObject({ code: 'VOIDED' });
  });

  it('fails an order whose first step fails for good, with nothing to undo', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();

    const placed = await rig.placeOrder({ items: [{ sku: 'OOS-GADGET', qty: 1 }] });
    const failed = await orderReaching(placed, 'failed');

    expect(failed.failure?.reason).toMatch(/^OUT_OF_STOCK: /);
    expect(failed.steps.reserve.state).toBe('failed');
    const announced = await waitFor(
      () => rig?.observed.find((message) => message.type === orderCompensated.name),
      {
        what: 'order.compensated.v1 to be published',
      },
    );
    expect(announced.body).toMatchObject({ orderId: placed._id, failedStep: 'reserve' });
    expect(
      rig.calls.get(callKey(inventoryOperations.release, undoIdempotencyKey(placed._id, 'reserve'))),
    ).toBeUndefined();
  });
});
