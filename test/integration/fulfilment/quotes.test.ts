import { afterEach, describe, expect, it } from 'vitest';
import { quoteRequested, quoteResult } from '@conveyor/contracts';
import { sandboxUnitPriceCents } from '@conveyor/fulfilment-worker';
import { openFulfilmentRig, type FulfilmentRig } from './fulfilment-fixture.ts';

describe('quotes', () => {
  let rig: FulfilmentRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  async function quote(sku: string, qty: number) {
    if (rig === undefined) throw new Error('no rig');
    return rig.bus.rpc.request({
      exchange: rig.exchange,
      routingKey: quoteRequested.name,
      type: quoteRequested,
      body: { tenantId: 'acme', sku, qty },
      resultSchema: quoteResult,
      timeoutMs: 5_000,
    });
  }

  it('answers a quote request with the list price and availability', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();

    const answer = await quote('WIDGET-7', 3);

    const unitPriceCents = sandboxUnitPriceCents('WIDGET-7');
    expect(answer).toEqual({
      sku: 'WIDGET-7',
      qty: 3,
      available: true,
      unitPriceCents,
      totalCents: unitPriceCents * 3,
    });
  });

  it('quotes an out-of-stock sku as unavailable', async () => {
    rig = await openFulfilmentRig();
    await rig.startWorker();

    expect(await quote('OOS-WIDGET', 1)).toMatchObject({ sku: 'OOS-WIDGET', available: false });
  });
});
