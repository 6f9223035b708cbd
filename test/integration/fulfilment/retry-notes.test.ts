import { afterEach, describe, expect, it } from 'vitest';
import { ProviderUnavailableError, type FulfilmentProviders } from '@conveyor/fulfilment-worker';
import { getOrder, latestStepRetry, orderMessageIds } from '@conveyor/orders';
import { waitFor } from '../../support/index.ts';
import { fastTiers, openFulfilmentRig, type FulfilmentRig } from './fulfilment-fixture.ts';

describe('retry notes for the stuck-order sweep', () => {
  let rig: FulfilmentRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('notes, for a step that failed and whose order.placed goes round a retry tier, the attempt its copy carries and when it is due', async () => {
    rig = await openFulfilmentRig();
    const inner = rig.providers;
    let paymentCalls = 0;
    // The payment provider fails transiently twice, then answers.
    const providers: FulfilmentProviders = {
      ...inner,
      payment: {
        ...inner.payment,
        capture(request) {
          paymentCalls += 1;
          if (paymentCalls <= 2) return Promise.reject(new ProviderUnavailableError('payment'));
          return inner.payment.capture(request);
        },
      },
    };
    await rig.startWorker({ providers });
    const failedAt = Date.now();
    const placed = await rig.placeOrder();

    const store = rig.testStore.store;
    await waitFor(async () => (await getOrder(store, placed.tenantId, placed._id))?.status === 'completed', {
      what: `order ${placed._id} to complete`,
      timeoutMs: 20_000,
    });
    // The forward path runs in the deliveries of order.placed.v1: its copy is what comes back.
    const noted = await latestStepRetry(store, placed.tenantId, orderMessageIds.placed(placed._id));
    const tierMs = fastTiers[0]?.delayMs ?? 0;
    expect(noted).toMatchObject({ orderId: placed._id, attempt: 3 });
    expect(noted?.dueAt.getTime()).toBeGreaterThanOrEqual(failedAt + tierMs);
    expect(noted?.dueAt.getTime()).toBe((noted?.notedAt.getTime() ?? 0) + tierMs);
  });
});
