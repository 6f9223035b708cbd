import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderPlaced } from '@conveyor/contracts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

const order = {
  customerId: 'cust-1',
  email: 'ada@example.com',
  items: [{ sku: 'SKU-1', qty: 2 }],
};

describe('gateway orders', () => {
  let gateway: GatewayFixture;
  beforeEach(async () => {
    gateway = await openGateway();
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const place = (body: unknown, headers: Record<string, string> = {}) =>
    gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...gateway.auth, ...headers },
      payload: body as Record<string, unknown>,
    });

  it('accepts an order with 202, a Location and a trace id, and publishes order.placed.v1', async () => {
    const queue = await gateway.bindQueue(orderPlaced.name);
    const response = await place(order);

    expect(response.statusCode).toBe(202);
    const body = json(response);
    expect(body).toMatchObject({ status: 'accepted', links: { self: `/v1/orders/${String(body['id'])}` } });
    expect(body['traceId']).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers['location']).toBe(`/v1/orders/${String(body['id'])}`);

    const placed = await gateway.receive(
      queue,
      (message) => (message as { orderId?: unknown }).orderId === body['id'],
      'order.placed.v1 of the new order',
    );
    expect(JSON.parse(placed.content.toString('utf8'))).toMatchObject({
      tenantId: gateway.tenant,
      items: order.items,
    });
    expect(placed.properties.messageId).toBe(`${String(body['id'])}:placed`);
  });

  it('returns the same order for the same Idempotency-Key and body', async () => {
    const first = await place(order, { 'idempotency-key': 'key-1' });
    const second = await place({ ...order }, { 'idempotency-key': 'key-1' });

    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(json(second)['id']).toBe(json(first)['id']);
    expect(second.headers['location']).toBe(first.headers['location']);
  });

  it('answers 409 when an Idempotency-Key is reused with another body', async () => {
    await place(order, { 'idempotency-key': 'key-2' });
    const conflicting = await place(
      { ...order, items: [{ sku: 'SKU-1', qty: 3 }] },
      { 'idempotency-key': 'key-2' },
    );

    expect(conflicting.statusCode).toBe(409);
    expect(json(conflicting)).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('rejects a body without items with 400 naming the field', async () => {
    const response = await place({ customerId: 'cust-1', email: 'ada@example.com' });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('body.items') as unknown,
        details: [{ location: 'body', field: 'items' }],
      },
    });
  });

  it('rejects a quantity of 0 with 400 naming items.0.qty', async () => {
    const response = await place({ ...order, items: [{ sku: 'SKU-1', qty: 0 }] });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        details: [{ location: 'body', field: 'items.0.qty', code: 'too_small' }],
      },
    });
  });

  it('rejects an unknown field with 400 naming it', async () => {
    const response = await place({ ...order, coupon: 'FREE' });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'body.coupon: unknown field',
        details: [{ location: 'body', field: 'coupon', code: 'unknown_field' }],
      },
    });
  });

  it("rejects an X-Tenant-Id header that is not the API key's tenant with 400 naming the header", async () => {
    const response = await place(order, { 'x-tenant-id': `${gateway.tenant}-other` });
    const sameTenant = await place(order, { 'x-tenant-id': gateway.tenant });

    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      error: { details: [{ location: 'headers', field: 'x-tenant-id', code: 'tenant_mismatch' }] },
    });
    expect(sameTenant.statusCode).toBe(202);
  });

  it('reads an order back with its status, steps, history and trace id', async () => {
    const placed = json(await place(order));
    const response = await gateway.app.inject({
      method: 'GET',
      url: `/v1/orders/${String(placed['id'])}`,
      headers: gateway.auth,
    });

    expect(response.statusCode).toBe(200);
    const view = json(response);
    expect(view).toMatchObject({
      id: placed['id'],
      status: 'accepted',
      traceId: placed['traceId'],
      items: order.items,
      steps: { reserve: { state: 'pending' }, payment: { state: 'pending' }, shipping: { state: 'pending' } },
      history: [{ event: 'accepted' }],
    });
    expect(Date.parse(String((view['history'] as { at: string }[])[0]?.at))).not.toBeNaN();
    expect(view).not.toHaveProperty('outbox');
  });

  it('answers 404 for an unknown order id', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/orders/ord_unknown',
      headers: gateway.auth,
    });

    expect(response.statusCode).toBe(404);
    expect(json(response)).toMatchObject({
      error: { code: 'NOT_FOUND', details: { resource: 'order', id: 'ord_unknown' } },
    });
  });

  it("answers 404 for another tenant's order", async () => {
    const placed = json(await place(order));
    const response = await gateway.app.inject({
      method: 'GET',
      url: `/v1/orders/${String(placed['id'])}`,
      headers: await gateway.authFor(`${gateway.tenant}-other`),
    });

    expect(response.statusCode).toBe(404);
  });
});
