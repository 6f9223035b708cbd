import { afterEach, describe, expect, it } from 'vitest';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

const order = { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] };

describe('gateway request limits and strict bodies', () => {
  let gateway: GatewayFixture | undefined;
  afterEach(async () => {
    await gateway?.cleanUp();
    gateway = undefined;
  });

  const post = (fixture: GatewayFixture, url: string, payload: string, headers = fixture.auth) =>
    fixture.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload,
    });
  const ordersStored = (fixture: GatewayFixture) => fixture.store.db.collection('orders').countDocuments();

  describe('body size', () => {
    it('answers 413 naming the limit for a body over it', async () => {
      gateway = await openGateway({ options: { bodyLimitBytes: 1_024 } });
      const response = await post(
        gateway,
        '/v1/orders',
        JSON.stringify({ ...order, customerId: 'x'.repeat(2_000) }),
      );

      expect(response.statusCode).toBe(413);
      expect(json(response)).toEqual({
        error: {
          code: 'BODY_TOO_LARGE',
          message: 'request body is larger than the limit of 1024 bytes',
          details: { limitBytes: 1_024 },
        },
      });
      expect(await ordersStored(gateway)).toBe(0);
    });

    it('accepts a body within the limit', async () => {
      gateway = await openGateway({ options: { bodyLimitBytes: 1_024 } });
      const body = JSON.stringify(order);

      expect((await post(gateway, '/v1/orders', body)).statusCode).toBe(202);
    });
  });

  describe('malformed JSON', () => {
    it('answers 400 MALFORMED_JSON without quoting the body', async () => {
      gateway = await openGateway();
      const response = await post(gateway, '/v1/orders', '{"customerId": "c-1", "password": hunter2');

      expect(response.statusCode).toBe(400);
      expect(json(response)).toEqual({
        error: { code: 'MALFORMED_JSON', message: 'request body is not valid JSON', details: null },
      });
      expect(response.body).not.toContain('hunter2');
    });

    it('answers 400 for an empty JSON body', async () => {
      gateway = await openGateway();
      const response = await post(gateway, '/v1/jobs', '');

      expect(response.statusCode).toBe(400);
      expect(json(response)).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    });
  });

  describe('unknown and unsafe fields', () => {
    it('rejects unknown fields at any depth with 400 naming each', async () => {
      gateway = await openGateway();
      const nested = await post(
        gateway,
        '/v1/orders',
        JSON.stringify({ ...order, items: [{ sku: 'SKU-1', qty: 1, colour: 'red' }] }),
      );
      const inSchedule = await post(
        gateway,
        '/v1/schedules',
        JSON.stringify({ name: 'n', cron: '0 2 * * *', job: { type: 'report.daily', retries: 3 } }),
      );

      expect(nested.statusCode).toBe(400);
      expect(json(nested)).toMatchObject({
        error: {
          message: 'body.items.0.colour: unknown field',
          details: [{ location: 'body', field: 'items.0.colour', code: 'unknown_field' }],
        },
      });
      expect(inSchedule.statusCode).toBe(400);
      expect(json(inSchedule)).toMatchObject({
        error: { details: [{ location: 'body', field: 'job.retries', code: 'unknown_field' }] },
      });
    });

    it('rejects __proto__ and constructor keys with 400 naming them, and stores nothing', async () => {
      gateway = await openGateway();
      const proto = await post(
        gateway,
        '/v1/orders',
        `{"__proto__": {"admin": true}, ${JSON.stringify(order).slice(1)}`,
      );
      const nestedProto = await post(
        gateway,
        '/v1/jobs',
        '{"type": "report.daily", "payload": {"filters": [{"__proto__": {"polluted": 1}}]}}',
      );
      const constructorKey = await post(
        gateway,
        '/v1/jobs',
        '{"type": "report.daily", "payload": {"constructor": {"prototype": {"polluted": 1}}}}',
      );

      for (const [response, field] of [
        [proto, '__proto__'],
        [nestedProto, 'payload.filters.0.__proto__'],
        [constructorKey, 'payload.constructor'],
      ] as const) {
        expect(response.statusCode, field).toBe(400);
        expect(json(response)).toMatchObject({
          error: {
            code: 'VALIDATION_FAILED',
            message: expect.stringContaining(`body.${field}`) as unknown,
            details: [{ location: 'body', field, code: 'forbidden_key' }],
          },
        });
      }
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(await ordersStored(gateway)).toBe(0);
      expect(await gateway.store.db.collection('jobs').countDocuments()).toBe(0);
    });

    it('rejects $-prefixed keys with 400 naming them: they are MongoDB operators', async () => {
      gateway = await openGateway();
      const topLevel = await post(gateway, '/v1/orders', JSON.stringify({ ...order, $where: 'sleep(1000)' }));
      const inPayload = await post(
        gateway,
        '/v1/jobs',
        JSON.stringify({ type: 'report.daily', payload: { query: { tenantId: { $ne: null } } } }),
      );

      expect(topLevel.statusCode).toBe(400);
      expect(json(topLevel)).toMatchObject({
        error: {
          details: [{ field: '$where', code: 'forbidden_key', message: "keys must not start with '$'" }],
        },
      });
      expect(inPayload.statusCode).toBe(400);
      expect(json(inPayload)).toMatchObject({
        error: { details: [{ field: 'payload.query.tenantId.$ne', code: 'forbidden_key' }] },
      });
    });

    it('rejects a body nested deeper than 32 levels with 400', async () => {
      gateway = await openGateway();
      const deep = `{"type":"report.daily","payload":{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`;
      const response = await post(gateway, '/v1/jobs', deep);

      expect(response.statusCode).toBe(400);
      expect(json(response)).toMatchObject({ error: { details: [{ code: 'too_deep' }] } });
    });
  });

  describe('rate limit per API key', () => {
    it('answers 429 with Retry-After once the burst is spent, until the bucket refills', async () => {
      let now = 1_000_000;
      gateway = await openGateway({ options: { rateLimit: { perSecond: 0.5, burst: 2 }, now: () => now } });
      const fixture = gateway;
      const read = (auth = fixture.auth) =>
        fixture.app.inject({ method: 'GET', url: '/v1/schedules', headers: auth });

      expect((await read()).statusCode).toBe(200);
      expect((await read()).statusCode).toBe(200);
      const limited = await read();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('2');
      expect(json(limited)).toMatchObject({
        error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 2 } },
      });
      expect(json(limited)).toMatchObject({
        error: { message: expect.stringMatching(/^too many requests/) as unknown },
      });

      // Another key (even of the same tenant) has a bucket of its own.
      expect((await read(await fixture.authFor(fixture.tenant))).statusCode).toBe(200);

      now += 1_999;
      expect((await read()).statusCode).toBe(429);
      now += 1;
      expect((await read()).statusCode).toBe(200);
      expect((await read()).statusCode).toBe(429);
    });

    it('counts rejected requests too, but not requests without a valid key', async () => {
      const now = 1_000_000;
      gateway = await openGateway({ options: { rateLimit: { perSecond: 1, burst: 1 }, now: () => now } });

      expect((await post(gateway, '/v1/orders', '{"bad": true}')).statusCode).toBe(400);
      expect((await post(gateway, '/v1/orders', JSON.stringify(order))).statusCode).toBe(429);
      const unauthenticated = await post(gateway, '/v1/orders', JSON.stringify(order), {});
      expect(unauthenticated.statusCode).toBe(401);
    });
  });
});
