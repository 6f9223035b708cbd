import { afterEach, describe, expect, it } from 'vitest';
import { openGateway, type GatewayFixture } from './gateway-fixture.ts';

const order = { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] };

type Headers = Record<string, string | string[] | number | undefined>;

function expectApiHeaders(headers: Headers, what: string): void {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['content-security-policy'], what).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(headers['cache-control'], what).toMatch(/^no-store(,|$)/);
  expect(headers['x-powered-by'], what).toBeUndefined();
}

describe('gateway security headers', () => {
  let gateway: GatewayFixture | undefined;
  afterEach(async () => {
    await gateway?.cleanUp();
    gateway = undefined;
  });

  it('sends them on successes, client errors and unknown routes alike, and no HSTS by default', async () => {
    gateway = await openGateway();
    const fixture = gateway;
    const responses = {
      'accepted order': await fixture.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: fixture.auth,
        payload: order,
      }),
      'missing key': await fixture.app.inject({ method: 'GET', url: '/v1/schedules' }),
      'bad body': await fixture.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: fixture.auth,
        payload: { nope: true },
      }),
      'not found': await fixture.app.inject({
        method: 'GET',
        url: '/v1/orders/ord_x',
        headers: fixture.auth,
      }),
      'unknown route': await fixture.app.inject({ method: 'GET', url: '/nowhere' }),
      health: await fixture.app.inject({ method: 'GET', url: '/healthz' }),
    };

    expect(responses['accepted order'].statusCode).toBe(202);
    for (const [what, response] of Object.entries(responses)) {
      expectApiHeaders(response.headers, what);
      expect(response.headers['strict-transport-security'], what).toBeUndefined();
    }
  });

  it('sends them on a Server-Sent Events stream, which writes its own head', async () => {
    gateway = await openGateway();
    const baseUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const placed = await gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: gateway.auth,
      payload: order,
    });
    const { id } = JSON.parse(placed.body) as { id: string };
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/v1/orders/${id}/events`, {
      headers: gateway.auth,
      signal: controller.signal,
    });
    controller.abort();

    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expectApiHeaders(Object.fromEntries(response.headers), 'SSE');
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
  });

  it('gives the OpenAPI UI a policy that lets its own scripts run, and nothing from elsewhere', async () => {
    gateway = await openGateway();
    const ui = await gateway.app.inject({ method: 'GET', url: '/docs' });
    const page = ui.statusCode === 302 ? await gateway.app.inject({ method: 'GET', url: '/docs/' }) : ui;

    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('*');
  });

  it('sends Strict-Transport-Security when a max-age is configured', async () => {
    gateway = await openGateway({ options: { hstsMaxAgeSeconds: 31_536_000 } });
    const response = await gateway.app.inject({ method: 'GET', url: '/healthz' });

    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
