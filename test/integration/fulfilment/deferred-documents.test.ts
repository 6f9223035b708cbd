import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyDeferredWrites,
  catchUpOrder,
  createOrder,
  orderStepsCollection,
  recordStepDone,
  requestCompensation,
  type OrderDocument,
  type TransitionOptions,
  type TransitionOutcome,
} from '@conveyor/orders';
import { openOrderStore, orderInput, storedOrder, type TestStore } from './orders-fixture.ts';

/** The forward path's options: its delivery is its outbox, and its next step writes the order again. */
const forward: TransitionOptions = { reemittedOnRedelivery: true, nextWriteFollows: true };

function written(outcome: TransitionOutcome): OrderDocument {
  if (!outcome.applied) throw new Error('the write was not applied');
  return outcome.order;
}

describe('order documents left to the next step write', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openOrderStore();
  });

  afterEach(async () => {
    await testStore.drop();
  });

  const stored = (order: OrderDocument) => storedOrder(testStore.store, order);

  const reserve = { step: 'reserve' as const, reservationId: 'res-1' };
  const payment = { step: 'payment' as const, paymentId: 'pay-1', amountCents: 1_000 };
  const shipping = { step: 'shipping' as const, shipmentId: 'shp-1', trackingCode: 'TRK-1' };

  it('records the step but leaves the document as it was until the next step write', async () => {
    const { order } = await createOrder(testStore.store, orderInput());

    const reserved = written(await recordStepDone(testStore.store, order, reserve, forward));

    expect(reserved.steps.reserve.state).toBe('done');
    expect(await stored(order)).toEqual(order);
    expect(
      await testStore.store.db.collection(orderStepsCollection).countDocuments({ orderId: order._id }),
    ).toBe(1);
  });

  it('brings the document past every write left to it in the next one', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    const reserved = written(await recordStepDone(testStore.store, order, reserve, forward));
    const paid = written(await recordStepDone(testStore.store, reserved, payment, forward));

    const completed = written(await recordStepDone(testStore.store, paid, shipping, forward));

    expect(completed.status).toBe('completed');
    expect(await stored(order)).toEqual(completed);
    expect((await stored(order)).history.map((entry) => entry.event)).toEqual([
      'accepted',
      'reserve.done',
      'payment.done',
      'completed',
    ]);
  });

  it('brings the document forward when the next write does not come', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    const reserved = written(await recordStepDone(testStore.store, order, reserve, forward));
    const paid = written(await recordStepDone(testStore.store, reserved, payment, forward));

    await applyDeferredWrites(testStore.store, paid);

    expect(await stored(order)).toEqual(paid);
  });

  it('lets whoever finds the document behind catch it up from the step records', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    const reserved = written(await recordStepDone(testStore.store, order, reserve, forward));
    // The writer died here: nothing brought the document forward.

    const caughtUp = await catchUpOrder(testStore.store, order.tenantId, order._id);

    expect(caughtUp).toEqual(reserved);
  });

  it('starts compensation on top of a write left to it', async () => {
    const { order } = await createOrder(testStore.store, orderInput());
    const reserved = written(await recordStepDone(testStore.store, order, reserve, forward));

    const compensating = written(
      await requestCompensation(
        testStore.store,
        reserved,
        { step: 'payment', reason: 'PAYMENT_DECLINED: card declined' },
        { reemittedOnRedelivery: true },
      ),
    );

    expect(await stored(order)).toEqual(compensating);
    expect(compensating.status).toBe('compensating');
    expect(compensating.steps.reserve.state).toBe('done');
  });

  it('applies at once a write that announces its messages to the outbox relay', async () => {
    const { order } = await createOrder(testStore.store, orderInput());

    const reserved = written(
      await recordStepDone(testStore.store, order, reserve, { nextWriteFollows: true }),
    );

    expect(await stored(order)).toEqual(reserved);
  });
});
