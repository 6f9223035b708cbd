import { afterEach, describe, expect, it } from 'vitest';
import { getOrder, type OrderDocument } from '@conveyor/orders';
import { inventoryOperations } from '@conveyor/fulfilment-worker';
import { waitFor } from '../../support/index.ts';
import { openFulfilmentRig, type FulfilmentRig } from './fulfilment-fixture.ts';

describe('express orders', () => {
  let rig: FulfilmentRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('jump a backlog of standard orders', async () => {
    rig = await openFulfilmentRig();
    // Declare the queue, then stop consuming so that a backlog builds up in it.
    await (await rig.startWorker({ ordersPrefetch: 1 })).stop();
    const standard: OrderDocument[] = [];
    for (let index = 0; index < 5; index += 1) standard.push(await rig.placeOrder({ express: false }));
    const express = await rig.placeOrder({ express: true });

    await rig.startWorker({ ordersPrefetch: 1 });
    const { store } = rig.testStore;
    await waitFor(
      async () => {
        const orders = await Promise.all(
          [...standard, express].map((order) => getOrder(store, 'acme', order._id)),
        );
        return orders.every((order) => order?.status === 'completed');
      },
      { what: 'every order to complete', timeoutMs: 20_000 },
    );

    const reserves = [...rig.calls.keys()].filter((key) =>
      key.startsWith(`${inventoryOperations.reserve}\u001f`),
    );
    expect(reserves).toHaveLength(6);
    expect(reserves[0]).toContain(express._id);
  });
});
