import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, quoteRequested } from '@conveyor/contracts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway quote', () => {
  let gateway: GatewayFixture | undefined;
  afterEach(async () => {
    await gateway?.cleanUp();
  });

  const quote = (fixture: GatewayFixture, query: string) =>
    fixture.app.inject({
      method: 'GET',
      url: `/v1/quote?${query}`,
      headers: fixture.auth,
    });

  it("returns a fulfilment worker's quote", async () => {
    gateway = await openGateway();
    const tenants: string[] = [];
    await gateway.answerQuotes(async (message) => {
      tenants.push(message.body.tenantId);
      return Promise.resolve({
        sku: message.body.sku,
        qty: message.body.qty,
        available: true,
        unitPriceCents: 250,
        totalCents: 250 * message.body.qty,
      });
    });

    const response = await quote(gateway, 'sku=SKU-9&qty=4');

    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({
      sku: 'SKU-9',
      qty: 4,
      available: true,
      unitPriceCents: 250,
      totalCents: 1_000,
    });
    expect(tenants).toEqual([gateway.tenant]);
  });

  it('answers 504 when no worker replies in time', async () => {
    gateway = await openGateway({ options: { quoteTimeoutMs: 300 } });
    // A queue that takes the request but nobody consumes: the request is routed, and never answered.
    await gateway.bindQueue(quoteRequested.name, gateway.quoteExchange);

    const response = await quote(gateway, 'sku=SKU-9&qty=1');

    expect(response.statusCode).toBe(504);
    expect(json(response)).toMatchObject({ error: { code: 'BUS_REQUEST_TIMEOUT' } });
  });

  it("answers 502 with the worker's code when the worker fails", async () => {
    gateway = await openGateway();
    await gateway.answerQuotes(() => Promise.reject(new PermanentError('UNKNOWN_SKU', 'no such sku')));

    const response = await quote(gateway, 'sku=NOPE&qty=1');

    expect(response.statusCode).toBe(502);
    expect(json(response)).toMatchObject({ error: { code: 'UNKNOWN_SKU', message: 'no such sku' } });
  });

  it('answers 503 when no worker is bound to take quote requests', async () => {
    gateway = await openGateway();

    const response = await quote(gateway, 'sku=SKU-9&qty=1');

    expect(response.statusCode).toBe(503);
    expect(json(response)).toMatchObject({ error: { code: 'BUS_UNROUTABLE' } });
  });

  it('rejects a quantity that is not a positive whole number with 400 naming qty', async () => {
    gateway = await openGateway();

    const response = await quote(gateway, 'sku=SKU-9&qty=zero');

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({ error: { details: [{ location: 'querystring', field: 'qty' }] } });
  });
});
