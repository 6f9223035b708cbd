import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway operations endpoints', () => {
  let gateway: GatewayFixture;
  beforeEach(async () => {
    gateway = await openGateway();
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  it('answers /healthz', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ status: 'ok' });
  });

  it('is ready while the broker and the database answer', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ status: 'ready', checks: { broker: true, database: true, nats: true } });
  });

  it('is not ready once the broker connection is gone', async () => {
    await gateway.bus.close();
    const response = await gateway.app.inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(503);
    expect(json(response)).toMatchObject({ status: 'not-ready', checks: { broker: false, database: true } });
  });

  it('counts requests per route and status in /metrics', async () => {
    await gateway.app.inject({ method: 'GET', url: '/v1/orders/ord_missing', headers: gateway.auth });
    await gateway.app.inject({ method: 'GET', url: '/v1/orders/ord_missing', headers: gateway.auth });
    const response = await gateway.app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain(
      'gateway_http_requests_total{method="GET",route="/v1/orders/:id",status_code="404"} 2',
    );
  });

  it('serves the OpenAPI document and its UI at /docs', async () => {
    const document = await gateway.app.inject({ method: 'GET', url: '/docs/json' });
    const ui = await gateway.app.inject({ method: 'GET', url: '/docs' });

    expect(document.statusCode).toBe(200);
    expect(json(document)).toMatchObject({ openapi: expect.stringMatching(/^3\./) as unknown });
    expect(Object.keys(json(document)['paths'] as object)).toEqual(
      expect.arrayContaining([
        '/v1/orders',
        '/v1/orders/{id}',
        '/v1/orders/{id}/events',
        '/v1/quote',
        '/v1/jobs',
        '/v1/schedules',
      ]),
    );
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers unknown routes in the error shape', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/v2/nothing' });

    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'no route GET /v2/nothing', details: null },
    });
  });
});
