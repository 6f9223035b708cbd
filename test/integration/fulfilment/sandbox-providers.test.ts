import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  calmSandbox,
  createSandboxProviders,
  paymentOperations,
  SandboxPoisonError,
  sandboxEffectLogCollection,
  sandboxEffectsCollection,
  sandboxFaultsCollection,
  type FulfilmentProviders,
  type SandboxEffect,
} from '@conveyor/fulfilment-worker';
import { waitFor } from '../../support/index.ts';
import { openOrderStore, type TestStore } from './orders-fixture.ts';

describe('sandbox providers', () => {
  let testStore: TestStore;
  let providers: FulfilmentProviders;

  beforeEach(async () => {
    testStore = await openOrderStore();
    providers = createSandboxProviders(testStore.store, calmSandbox);
  });

  afterEach(async () => {
    await testStore.drop();
  });

  function capture(idempotencyKey: string, amountCents = 1_250) {
    return providers.payment.capture({
      idempotencyKey,
      tenantId: 'acme',
      orderId: 'order-1',
      customerId: 'customer-1',
      amountCents,
      items: [{ sku: 'WIDGET-1', qty: 1 }],
    });
  }

  async function effects(): Promise<SandboxEffect[]> {
    return testStore.store.db.collection<SandboxEffect>(sandboxEffectsCollection).find({}).toArray();
  }

  it("returns the first call's result for a repeated idempotency key and charges once", async () => {
    const first = await capture('order-1:payment', 1_250);
    const repeated = await capture('order-1:payment', 9_999);

    expect(repeated).toEqual(first);
    expect(first.amountCents).toBe(1_250);
    expect(await effects()).toHaveLength(1);
  });

  it('applies one capture when calls with the same key race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => capture('order-1:payment')));

    expect(new Set(results.map((result) => result.paymentId)).size).toBe(1);
    expect(await effects()).toHaveLength(1);
  });

  it('refunds a capture once, however often the refund is asked for', async () => {
    await capture('order-1:payment');
    const refund = () =>
      providers.payment.refund({
        idempotencyKey: 'order-1:payment:undo',
        captureKey: 'order-1:payment',
        tenantId: 'acme',
        orderId: 'order-1',
      });

    expect(await refund()).toEqual({ refunded: true });
    expect(await refund()).toEqual({ refunded: true });
    expect((await effects()).filter((effect) => effect.operation === paymentOperations.refund)).toHaveLength(
      1,
    );
  });

  it('voids a capture that had not happened, so that it never can', async () => {
    const refunded = await providers.payment.refund({
      idempotencyKey: 'order-2:payment:undo',
      captureKey: 'order-2:payment',
      tenantId: 'acme',
      orderId: 'order-2',
    });

    expect(refunded).toEqual({ refunded: false });
    await expect(capture('order-2:payment')).rejects.toMatchObject({ code: 'VOIDED', retryable: false });
  });

  it('declines a card for a DECLINE- sku, and says so again for the same key', async () => {
    const declined = () =>
      providers.payment.capture({
        idempotencyKey: 'order-3:payment',
        tenantId: 'acme',
        orderId: 'order-3',
        customerId: 'customer-1',
        amountCents: 500,
        items: [{ sku: 'DECLINE-ME', qty: 1 }],
      });

    await expect(declined()).rejects.toMatchObject({ code: 'CARD_DECLINED', retryable: false });
    await expect(declined()).rejects.toMatchObject({ code: 'CARD_DECLINED' });
  });

  describe('fault skus (fault tests only)', () => {
    const poisoned = [{ sku: 'POISON-1', qty: 1 }];

    function reserve(sandbox: FulfilmentProviders, orderId: string, sku: string) {
      return sandbox.inventory.reserve({
        idempotencyKey: `${orderId}:reserve`,
        tenantId: 'acme',
        orderId,
        items: [{ sku, qty: 1 }],
      });
    }

    it('treats POISON- and CRASH- as ordinary skus unless fault skus are on', async () => {
      await expect(reserve(providers, 'order-4', 'POISON-1')).resolves.toHaveProperty('reservationId');
      await expect(reserve(providers, 'order-5', 'CRASH-1')).resolves.toHaveProperty('reservationId');
    });

    it('throws an unexpected error on every call for a POISON- order, its undo calls included', async () => {
      const faulty = createSandboxProviders(testStore.store, { ...calmSandbox, faultSkus: true });
      const capturePoisoned = () =>
        faulty.payment.capture({
          idempotencyKey: 'order-6:payment',
          tenantId: 'acme',
          orderId: 'order-6',
          customerId: 'customer-1',
          amountCents: 500,
          items: poisoned,
        });
      const release = () =>
        faulty.inventory.release({
          idempotencyKey: 'order-6:reserve:undo',
          reservationKey: 'order-6:reserve',
          tenantId: 'acme',
          orderId: 'order-6',
        });

      await expect(reserve(faulty, 'order-6', 'POISON-1')).rejects.toBeInstanceOf(SandboxPoisonError);
      await expect(capturePoisoned()).rejects.toBeInstanceOf(SandboxPoisonError);
      await expect(release()).rejects.toBeInstanceOf(SandboxPoisonError);
      expect(await effects()).toHaveLength(0);
    });

    it('crashes on a CRASH- sku before applying anything, and leaves other orders alone', async () => {
      let crashes = 0;
      const faulty = createSandboxProviders(testStore.store, {
        ...calmSandbox,
        faultSkus: true,
        crash: () => {
          crashes += 1;
          throw new Error('crashed');
        },
      });

      await expect(reserve(faulty, 'order-7', 'CRASH-1')).rejects.toThrow('crashed');
      await expect(reserve(faulty, 'order-8', 'WIDGET-1')).resolves.toHaveProperty('reservationId');
      expect(crashes).toBe(1);
      expect((await effects()).map((effect) => effect.orderId)).toEqual(['order-8']);
    });

    it("overruns the first call of a SLOW- order's step, heedless of its abort, and lets the retry's call through meanwhile", async () => {
      const faulty = createSandboxProviders(testStore.store, {
        ...calmSandbox,
        faultSkus: true,
        slowCallMs: 3_000,
      });
      const call = (signal: AbortSignal) =>
        faulty.inventory.reserve({
          idempotencyKey: 'order-9:reserve',
          tenantId: 'acme',
          orderId: 'order-9',
          items: [{ sku: 'SLOW-1', qty: 1 }],
          signal,
        });
      const deadline = new AbortController();
      let overrunReturned = false;
      const overrunning = call(deadline.signal).finally(() => {
        overrunReturned = true;
      });
      await waitFor(
        () =>
          testStore.store.db
            .collection(sandboxFaultsCollection)
            .findOne({})
            .then((marker) => marker ?? undefined),
        { what: 'the slow call to start waiting' },
      );
      deadline.abort(new Error('deadline'));

      const retried = await call(new AbortController().signal);
      expect(overrunReturned).toBe(false);
      await expect(overrunning).resolves.toEqual(retried);
      const log = await testStore.store.db
        .collection(sandboxEffectLogCollection)
        .find({ orderId: 'order-9' })
        .toArray();
      expect(log).toHaveLength(1);
    });
  });
});
