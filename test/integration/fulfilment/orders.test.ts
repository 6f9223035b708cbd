import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Header } from '@conveyor/bus';
import { orderPlaced } from '@conveyor/contracts';
import {
  createOrder,
  getOrder,
  orderMessageIds,
  OrderStepTakenError,
  publishOrderOutbox,
  recordStepDone,
  requestCompensation,
} from '@conveyor/orders';
import { outboxCollectionNames, type OutboxOutgoingMessage } from '@conveyor/outbox';
import { openOrderStore, orderInput, type TestStore } from './orders-fixture.ts';

describe('orders', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openOrderStore();
  });

  afterEach(async () => {
    await testStore.drop();
  });

  describe('createOrder', () => {
    it('writes an accepted order with its order.placed.v1 outbox entry in one document', async () => {
      const input = orderInput({ express: true, traceId: 'trace-1' });
      const { order, created } = await createOrder(testStore.store, input);

      expect(created).toBe(true);
      expect(order).toMatchObject({
        _id: input.orderId,
        tenantId: 'acme',
        status: 'accepted',
        sequence: 1,
        traceId: 'trace-1',
        steps: {
          reserve: { state: 'pending' },
          payment: { state: 'pending' },
          shipping: { state: 'pending' },
        },
      });
      expect(order.history.map((entry) => entry.event)).toEqual(['accepted']);
      expect(order.stepDeadline?.getTime()).toBeGreaterThan(order.createdAt.getTime());

      const stored = await getOrder(testStore.store, 'acme', input.orderId);
      expect(stored?.outbox).toHaveLength(1);
      const placed = stored?.outbox?.[0];
      expect(placed).toMatchObject({
        messageId: orderMessageIds.placed(input.orderId),
        type: orderPlaced.name,
        routingKey: orderPlaced.name,
        priority: 8,
        headers: { [Header.tenant]: 'acme' },
      });
      expect(orderPlaced.schema.parse(placed?.body)).toMatchObject({ orderId: input.orderId, sequence: 1 });
    });

    it('publishes standard orders below express ones', async () => {
      const { order } = await createOrder(testStore.store, orderInput({ express: false }));
      expect(order.outbox?.[0]?.priority).toBe(4);
    });

    it('returns the existing order for a reused Idempotency-Key, whatever orderId the retry proposed', async () => {
      const first = await createOrder(
        testStore.store,
        orderInput({ idempotencyKey: 'key-1', requestHash: 'hash-a' }),
      );
      const retry = await createOrder(
        testStore.store,
        orderInput({ idempotencyKey: 'key-1', requestHash: 'hash-b' }),
      );

      expect(first.created).toBe(true);
      expect(retry.created).toBe(false);
      expect(retry.order._id).toBe(first.order._id);
      expect(retry.order.requestHash).toBe('hash-a');
    });

    it('keeps Idempotency-Keys apart per tenant', async () => {
      const acme = await createOrder(
        testStore.store,
        orderInput({ tenantId: 'acme', idempotencyKey: 'same' }),
      );
      const globex = await createOrder(
        testStore.store,
        orderInput({ tenantId: 'globex', idempotencyKey: 'same' }),
      );

      expect(globex.created).toBe(true);
      expect(globex.order._id).not.toBe(acme.order._id);
    });

    it('creates one order when requests with the same key race', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          createOrder(testStore.store, orderInput({ idempotencyKey: 'raced' })),
        ),
      );

      expect(new Set(results.map((result) => result.order._id)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(await testStore.store.db.collection('orders').countDocuments({ tenantId: 'acme' })).toBe(1);
    });

    it('completes the order of a key whose first request stopped before writing it', async () => {
      const first = orderInput({ idempotencyKey: 'interrupted' });
      await createOrder(testStore.store, first);
      await testStore.store.db.collection<{ _id: string }>('orders').deleteOne({ _id: first.orderId });

      const retry = await createOrder(testStore.store, orderInput({ idempotencyKey: 'interrupted' }));

      expect(retry.order._id).toBe(first.orderId);
      expect(await getOrder(testStore.store, 'acme', first.orderId)).not.toBeNull();
    });
  });

  describe('getOrder', () => {
    it("reads another tenant's order as absent", async () => {
      const { order } = await createOrder(testStore.store, orderInput({ tenantId: 'acme' }));

      expect(await getOrder(testStore.store, 'globex', order._id)).toBeNull();
      expect(await getOrder(testStore.store, 'acme', order._id)).not.toBeNull();
    });
  });

  describe('publishOrderOutbox', () => {
    it('publishes the entries and drops the write’s pending record', async () => {
      const { order, pending } = await createOrder(testStore.store, orderInput());
      expect(pending?.messageIds).toEqual([orderMessageIds.placed(order._id)]);
      const published: OutboxOutgoingMessage[] = [];

      await publishOrderOutbox(
        testStore.store,
        (message) => {
          published.push(message);
          return Promise.resolve();
        },
        order,
        pending,
      );

      expect(published.map((message) => message.messageId)).toEqual([orderMessageIds.placed(order._id)]);
      expect(published[0]).toMatchObject({ correlationId: order._id, priority: 4 });
      const left = await testStore.store.db
        .collection<{ _id: string }>(outboxCollectionNames.pending)
        .findOne({ _id: pending?._id ?? '' });
      expect(left).toBeNull();
    });
  });

  describe('step transitions', () => {
    it('records a step with its next message once, and stops a late writer with OrderStepTakenError', async () => {
      const { order } = await createOrder(testStore.store, orderInput());

      const first = await recordStepDone(testStore.store, order, { step: 'reserve', reservationId: 'res-1' });
      const again = recordStepDone(testStore.store, order, { step: 'reserve', reservationId: 'res-2' });

      await expect(again).rejects.toBeInstanceOf(OrderStepTakenError);
      expect(first.applied).toBe(true);
      expect(first.applied && first.entries.map((entry) => entry.messageId)).toEqual([
        orderMessageIds.stepDone(order._id, 'reserve'),
      ]);
      const current = await getOrder(testStore.store, 'acme', order._id);
      expect(current).toMatchObject({
        status: 'in_progress',
        sequence: 2,
        steps: { reserve: { ref: 'res-1' } },
      });
      expect(current?.outbox).toHaveLength(2);
      expect(first.applied && first.order).toEqual(current);
    });

    it('moves an order whose step failed for good to compensating with the reason', async () => {
      const { order } = await createOrder(testStore.store, orderInput());
      const reserved = await recordStepDone(testStore.store, order, {
        step: 'reserve',
        reservationId: 'res-1',
      });
      if (!reserved.applied) throw new Error('reserve was not recorded');

      const outcome = await requestCompensation(testStore.store, reserved.order, {
        step: 'payment',
        reason: 'CARD_DECLINED: declined',
      });

      expect(outcome.applied).toBe(true);
      expect(await getOrder(testStore.store, 'acme', order._id)).toMatchObject({
        status: 'compensating',
        sequence: 3,
        failure: { step: 'payment', reason: 'CARD_DECLINED: declined' },
        steps: { reserve: { state: 'done' }, payment: { state: 'failed' } },
      });
    });
  });
});
