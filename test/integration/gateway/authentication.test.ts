import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

const order = { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] };

describe('gateway authentication (API keys)', () => {
  let gateway: GatewayFixture;
  beforeEach(async () => {
    gateway = await openGateway();
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  const placeOrder = (headers: Record<string, string>) =>
    gateway.app.inject({ method: 'POST', url: '/v1/orders', headers, payload: order });

  it('answers 401 UNAUTHENTICATED on every /v1 route when no key is sent, saying how to send one', async () => {
    const routes = [
      { method: 'POST', url: '/v1/orders', payload: order },
      { method: 'GET', url: '/v1/orders/ord_1' },
      { method: 'GET', url: '/v1/orders/ord_1/events' },
      { method: 'GET', url: '/v1/quote?sku=SKU-1&qty=1' },
      { method: 'POST', url: '/v1/jobs', payload: { type: 'report.daily' } },
      { method: 'GET', url: '/v1/jobs/job_1' },
      { method: 'GET', url: '/v1/schedules' },
      { method: 'DELETE', url: '/v1/schedules/sch_1' },
    ] as const;
    for (const route of routes) {
      const response = await gateway.app.inject(route);

      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="conveyor"');
      expect(json(response)).toEqual({
        error: {
          code: 'UNAUTHENTICATED',
          message: "an API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'",
          details: null,
        },
      });
    }
    expect(await gateway.store.db.collection('orders').countDocuments()).toBe(0);
  });

  it('answers 401 before reading the body: a bad body without a key is still 401', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"not json',
    });

    expect(response.statusCode).toBe(401);
  });

  it('answers 401 API_KEY_INVALID for a malformed key, an unknown id and a wrong secret, never echoing the key', async () => {
    const [, id = ''] = /^cvk_([a-z0-9]+)_/.exec(gateway.apiKey) ?? [];
    const wrongSecret = `cvk_${id}_${'x'.repeat(43)}`;
    const unknownId = `cvk_000000000000_${gateway.apiKey.slice(-43)}`;
    for (const key of ['not-a-key', wrongSecret, unknownId]) {
      const response = await placeOrder({ authorization: `Bearer ${key}` });

      expect(response.statusCode, key).toBe(401);
      expect(json(response)).toMatchObject({ error: { code: 'API_KEY_INVALID' } });
      expect(response.body).not.toContain(key);
    }
    const notBearer = await placeOrder({ authorization: `Basic ${gateway.apiKey}` });
    expect(notBearer.statusCode).toBe(401);
    expect(json(notBearer)).toMatchObject({
      error: { code: 'API_KEY_INVALID', message: "the Authorization header must be 'Bearer <key>'" },
    });
  });

  it('takes the key as a bearer token or in X-Api-Key, and refuses two different keys', async () => {
    const other = (await gateway.authFor(gateway.tenant)).authorization ?? '';

    expect((await placeOrder({ authorization: `Bearer ${gateway.apiKey}` })).statusCode).toBe(202);
    expect((await placeOrder({ authorization: `bearer ${gateway.apiKey}` })).statusCode).toBe(202);
    expect((await placeOrder({ 'x-api-key': gateway.apiKey })).statusCode).toBe(202);
    const both = await placeOrder({ authorization: other, 'x-api-key': gateway.apiKey });
    expect(both.statusCode).toBe(401);
    expect(json(both)).toMatchObject({ error: { code: 'API_KEY_INVALID' } });
  });

  it('answers 401 API_KEY_REVOKED once a key is revoked, while another key of the tenant still works', async () => {
    const second = await gateway.authFor(gateway.tenant);
    expect((await placeOrder(gateway.auth)).statusCode).toBe(202);
    const [key] = await gateway.apiKeys.list({ tenantId: gateway.tenant });
    const revoked = await gateway.apiKeys.revoke(key?.id ?? '');
    expect(revoked?.revokedNow).toBe(true);

    const refused = await placeOrder(gateway.auth);
    expect(refused.statusCode).toBe(401);
    expect(json(refused)).toEqual({
      error: { code: 'API_KEY_REVOKED', message: 'the API key was revoked', details: null },
    });
    expect((await placeOrder(second)).statusCode).toBe(202);
  });

  it("acts for the key's tenant: the order is stored under it", async () => {
    const placed = json(await placeOrder(gateway.auth));
    const stored = await gateway.store.db
      .collection('orders')
      .findOne({ _id: String(placed['id']) } as never);

    expect(stored?.['tenantId']).toBe(gateway.tenant);
  });

  it("scopes every read and write to the key's tenant: another tenant's resources are 404", async () => {
    const other = await gateway.authFor(`${gateway.tenant}-other`);
    const orderId = String(json(await placeOrder(gateway.auth))['id']);
    const jobId = String(
      json(
        await gateway.app.inject({
          method: 'POST',
          url: '/v1/jobs',
          headers: gateway.auth,
          payload: { type: 'report.daily', delayMs: 3_600_000 },
        }),
      )['id'],
    );
    const schedule = {
      method: 'POST',
      url: '/v1/schedules',
      payload: { name: 'nightly', cron: '0 2 * * *', job: { type: 'report.daily' } },
    } as const;
    const scheduleId = String(json(await gateway.app.inject({ ...schedule, headers: gateway.auth }))['id']);

    const asOther = (method: 'GET' | 'DELETE', url: string) =>
      gateway.app.inject({ method, url, headers: other });
    for (const [method, url] of [
      ['GET', `/v1/orders/${orderId}`],
      ['GET', `/v1/orders/${orderId}/events`],
      ['GET', `/v1/jobs/${jobId}`],
      ['GET', `/v1/schedules/${scheduleId}`],
      ['DELETE', `/v1/schedules/${scheduleId}`],
    ] as const) {
      const response = await asOther(method, url);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(json(response)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect(json(await asOther('GET', '/v1/schedules'))['items']).toEqual([]);
    // The same schedule name is free in the other tenant, and the owner still sees everything.
    expect((await gateway.app.inject({ ...schedule, headers: other })).statusCode).toBe(201);
    for (const url of [`/v1/orders/${orderId}`, `/v1/jobs/${jobId}`, `/v1/schedules/${scheduleId}`]) {
      expect((await gateway.app.inject({ method: 'GET', url, headers: gateway.auth })).statusCode, url).toBe(
        200,
      );
    }
  });

  it('keeps /healthz, /readyz, /metrics and /docs open without a key', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/docs/json']) {
      expect((await gateway.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });

  it('documents the key in the OpenAPI document', async () => {
    const document = json(await gateway.app.inject({ method: 'GET', url: '/docs/json' })) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    };

    expect(document.components.securitySchemes).toMatchObject({
      bearerKey: { type: 'http', scheme: 'bearer' },
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    expect(document.paths['/v1/orders']?.['post']?.security).toEqual([
      { bearerKey: [] },
      { apiKeyHeader: [] },
    ]);
    expect(Object.keys(document.paths['/v1/orders']?.['post']?.responses ?? {})).toEqual(
      expect.arrayContaining(['401', '429']),
    );
    expect(document.paths['/healthz']?.['get']?.security).toBeUndefined();
  });
});
