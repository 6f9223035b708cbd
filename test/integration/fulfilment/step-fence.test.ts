import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandlerTimeoutError } from '@conveyor/bus';
import {
  createOrder,
  orderMessageIds,
  ordersCollection,
  orderStepsCollection,
  OrderStepTakenError,
  recordStepDone,
  requestCompensation,
  type OrderDocument,
  type TransitionOutcome,
} from '@conveyor/orders';
import { openOrderStore, orderInput, storedOrder, type TestStore } from './orders-fixture.ts';

/** Every write of an order after its creation is fenced by the insert of its step record. */
describe('order step writes', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openOrderStore();
  });

  afterEach(async () => {
    await testStore.drop();
  });

  const stored = (order: OrderDocument) => storedOrder(testStore.store, order);

  const reserve = (reservationId: string) => ({ step: 'reserve' as const, reservationId });

  it('lands exactly one of several writers racing for the same step; each other one gets OrderStepTakenError and writes nothing', async () => {
    const { order } = await createOrder(testStore.store, orderInput());

    // Handlers of the same step that read the same order: some record it done, some fail it for good.
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) =>
        index % 2 === 0
          ? recordStepDone(testStore.store, order, reserve(`res-${index}`))
          : requestCompensation(testStore.store, order, { step: 'reserve', reason: `FAILED: ${index}` }),
      ),
    );

    const landed = results.flatMap((result) =>
      result.status === 'fulfilled' && result.value.applied ? [result.value] : [],
    );
    const stopped = results.flatMap((result): unknown[] =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    expect(landed).toHaveLength(1);
    expect(stopped).toHaveLength(5);
    expect(stopped.every((reason) => reason instanceof OrderStepTakenError)).toBe(true);
    const winner = landed[0] as Extract<TransitionOutcome, { applied: true }>;
    const current = await stored(order);
    // The winner's write, whole: its history entry and its outbox entry, nobody else's.
    expect(current).toEqual(winner.order);
    expect(current.history).toHaveLength(2);
    expect(current.outbox?.map((entry) => entry.messageId)).toEqual([
      orderMessageIds.placed(order._id),
      ...winner.entries.map((entry) => entry.messageId),
    ]);
    expect(current.sequence).toBe(2);
    expect(
      await testStore.store.db.collection(orderStepsCollection).countDocuments({ orderId: order._id }),
    ).toBe(1);
  });

  it('stops a writer that read the order before another writer recorded the step', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    await recordStepDone(testStore.store, order, reserve('res-first'));
    const afterFirst = await stored(order);

    await expect(recordStepDone(testStore.store, order, reserve('res-late'))).rejects.toBeInstanceOf(
      OrderStepTakenError,
    );

    expect(await stored(order)).toEqual(afterFirst);
  });

  it('writes nothing for a handler whose signal was aborted, and fails with the abort reason', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    const controller = new AbortController();
    const timedOut = new HandlerTimeoutError(100);
    controller.abort(timedOut);

    await expect(
      recordStepDone(testStore.store, order, reserve('res-1'), { signal: controller.signal }),
    ).rejects.toBe(timedOut);

    expect(await stored(order)).toEqual(order);
    expect(
      await testStore.store.db.collection(orderStepsCollection).countDocuments({ orderId: order._id }),
    ).toBe(0);
  });

  it('applies the winning write to the order when its writer stopped between its step record and the order', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    const first = await recordStepDone(testStore.store, order, reserve('res-first'));
    if (!first.applied) throw new Error('the first write did not land');
    // As if the first writer died after its step record: the order never got the update.
    await testStore.store.db
      .collection<OrderDocument>(ordersCollection)
      .replaceOne({ _id: order._id }, order);

    await expect(recordStepDone(testStore.store, order, reserve('res-late'))).rejects.toBeInstanceOf(
      OrderStepTakenError,
    );

    const current = await stored(order);
    expect(current.steps.reserve).toMatchObject({ state: 'done', ref: 'res-first' });
    expect(current.history.map((entry) => entry.event)).toEqual(['accepted', 'reserve.done']);
    expect(current.outbox?.map((entry) => entry.messageId)).toEqual([
      orderMessageIds.placed(order._id),
      orderMessageIds.stepDone(order._id, 'reserve'),
    ]);
  });
});
