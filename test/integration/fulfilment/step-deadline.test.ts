import { afterEach, describe, expect, it } from 'vitest';
import type { FulfilmentProviders } from '@conveyor/fulfilment-worker';
import { getOrder, latestStepRetry, orderMessageIds, type OrderDocument } from '@conveyor/orders';
import { waitFor } from '../../support/index.ts';
import { openFulfilmentRig, type FulfilmentRig } from './fulfilment-fixture.ts';

/** A point a provider call stops at until the test opens it; `reached` resolves once a call got there. */
function gate() {
  const reached = Promise.withResolvers<undefined>();
  const opened = Promise.withResolvers<undefined>();
  return {
    reached: reached.promise,
    reach: () => reached.resolve(undefined),
    opened: opened.promise,
    open: () => opened.resolve(undefined),
  };
}

describe('a step handler that overran its deadline', () => {
  let rig: FulfilmentRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('writes nothing once aborted: the retry started after the deadline records the step, once', async () => {
    rig = await openFulfilmentRig();
    const inner = rig.providers;
    const first = gate();
    const firstReturned = gate();
    const second = gate();
    let reserveCalls = 0;
    // The first reserve call hangs past the handler's deadline and, like a provider that ignores the
    // signal, still returns afterwards; the second is the retry's, started after that deadline.
    const providers: FulfilmentProviders = {
      ...inner,
      inventory: {
        ...inner.inventory,
        async reserve(request) {
          reserveCalls += 1;
          if (reserveCalls === 1) {
            first.reach();
            await first.opened;
            const result = await inner.inventory.reserve({
              ...request,
              signal: new AbortController().signal,
            });
            firstReturned.reach();
            return result;
          }
          if (reserveCalls === 2) {
            second.reach();
            await second.opened;
          }
          return inner.inventory.reserve(request);
        },
      },
    };
    // Long enough that the retry's own handler never overruns it, even on a loaded machine.
    await rig.startWorker({ providers, handlerTimeoutMs: 2_000 });
    const placed = await rig.placeOrder();

    await first.reached;
    await second.reached;
    // The first handler goes on to write first; the retry's provider call is still to finish.
    first.open();
    await firstReturned.reached;
    second.open();

    const store = rig.testStore.store;
    const completed = await waitFor(
      async () => {
        const current = await getOrder(store, placed.tenantId, placed._id);
        return current?.status === 'completed' ? current : undefined;
      },
      { what: `order ${placed._id} to complete`, timeoutMs: 20_000 },
    );
    expectOneWritePerStep(completed);
    // Written by the retry (attempt 2): the aborted first handler wrote nothing.
    expect(completed.steps.reserve.attempts).toBe(2);
    // The retry was noted for the stuck-order sweep when the deadline aborted the first handler.
    const noted = await latestStepRetry(store, placed.tenantId, orderMessageIds.placed(placed._id));
    expect(noted).toMatchObject({ orderId: placed._id, attempt: 2 });
  });
});

function expectOneWritePerStep(order: OrderDocument): void {
  expect(order.history.map((entry) => entry.event)).toEqual([
    'accepted',
    'reserve.done',
    'payment.done',
    'completed',
  ]);
  expect(order.outbox?.map((entry) => entry.messageId)).toEqual([
    orderMessageIds.placed(order._id),
    orderMessageIds.stepDone(order._id, 'reserve'),
    orderMessageIds.stepDone(order._id, 'payment'),
    orderMessageIds.stepDone(order._id, 'shipping'),
    orderMessageIds.completed(order._id),
  ]);
}
