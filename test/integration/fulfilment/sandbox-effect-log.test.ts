// The sandbox's append-only log of applied effects (what the fault suite's ledger counts): one entry
// per call that applied something, whatever the idempotency keys say.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  calmSandbox,
  createSandboxProviders,
  ensureSandboxIndexes,
  sandboxEffectLogCollection,
  type FulfilmentProviders,
  type SandboxEffectLogEntry,
} from '@conveyor/fulfilment-worker';
import { openOrderStore, type TestStore } from './orders-fixture.ts';

describe('sandbox effect log', () => {
  let testStore: TestStore;
  let providers: FulfilmentProviders;

  beforeEach(async () => {
    testStore = await openOrderStore();
    await ensureSandboxIndexes(testStore.store);
    providers = createSandboxProviders(testStore.store, calmSandbox);
  });

  afterEach(async () => {
    await testStore.drop();
  });

  const capture = (idempotencyKey: string, sku = 'WIDGET-1') =>
    providers.payment.capture({
      idempotencyKey,
      tenantId: 'acme',
      orderId: 'order-1',
      customerId: 'customer-1',
      amountCents: 1_250,
      items: [{ sku, qty: 1 }],
    });

  async function logged(): Promise<string[]> {
    const entries = await testStore.store.db
      .collection<SandboxEffectLogEntry>(sandboxEffectLogCollection)
      .find({})
      .toArray();
    return entries.map((entry) => `${entry.operation} ${entry.idempotencyKey}`).sort();
  }

  it('appends one entry for an applied call and none for its repetitions or for a rejection', async () => {
    await capture('order-1:payment');
    await capture('order-1:payment');
    await expect(capture('order-1:declined', 'DECLINE-1')).rejects.toThrow();

    expect(await logged()).toEqual(['payment.capture order-1:payment']);
  });

  it('appends one entry when calls with the same key race', async () => {
    await Promise.all(Array.from({ length: 5 }, () => capture('order-1:payment')));

    expect(await logged()).toEqual(['payment.capture order-1:payment']);
  });

  it('shows a second charge made under another key', async () => {
    await capture('order-1:payment');
    await capture('order-1:payment-again');

    expect(await logged()).toEqual([
      'payment.capture order-1:payment',
      'payment.capture order-1:payment-again',
    ]);
  });

  it('appends an undo that undid something, and nothing for an undo that only voided a key', async () => {
    await capture('order-1:payment');
    const refund = (captureKey: string) =>
      providers.payment.refund({
        idempotencyKey: `${captureKey}:undo`,
        captureKey,
        tenantId: 'acme',
        orderId: 'order-1',
      });
    await refund('order-1:payment');
    await refund('order-1:never-captured');

    expect(await logged()).toEqual([
      'payment.capture order-1:payment',
      'payment.refund order-1:payment:undo',
    ]);
  });
});
