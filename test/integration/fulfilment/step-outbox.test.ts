import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrder, orderMessageIds, recordStepDone } from '@conveyor/orders';
import { outboxCollectionNames } from '@conveyor/outbox';
import { openOrderStore, orderInput, type TestStore } from './orders-fixture.ts';

/**
 * A step write announces its messages to the relay (a pending outbox record) unless the caller's
 * inbound message stands for them: the fulfilment handlers ack only after publishing, and a
 * redelivery re-emits what the order recorded, so their writes skip the record and its delete.
 */
describe('order step outbox', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openOrderStore();
  });

  afterEach(async () => {
    await testStore.drop();
  });

  const pendingRecords = (orderId: string) =>
    testStore.store.db.collection(outboxCollectionNames.pending).countDocuments({ docId: orderId });
  const reserve = { step: 'reserve' as const, reservationId: 'res-1' };

  it('announces a step write to the relay by default', async () => {
    const { order, pending } = await createOrder(testStore.store, orderInput());
    if (pending !== undefined)
      await testStore.store.deletes.deleteById(outboxCollectionNames.pending, pending._id);

    const outcome = await recordStepDone(testStore.store, order, reserve);

    expect(outcome.applied && outcome.pending).toBeTruthy();
    expect(await pendingRecords(order._id)).toBe(1);
  });

  it('writes no pending record for a write its inbound message re-emits, and still records the message', async () => {
    const { order, pending } = await createOrder(testStore.store, orderInput());
    if (pending !== undefined)
      await testStore.store.deletes.deleteById(outboxCollectionNames.pending, pending._id);

    const outcome = await recordStepDone(testStore.store, order, reserve, { reemittedOnRedelivery: true });

    if (!outcome.applied) throw new Error('the write did not land');
    expect(outcome.pending).toBeUndefined();
    expect(await pendingRecords(order._id)).toBe(0);
    // What a redelivery re-emits: the message is on the order.
    expect(outcome.order.outbox?.map((entry) => entry.messageId)).toContain(
      orderMessageIds.stepDone(order._id, 'reserve'),
    );
  });
});
