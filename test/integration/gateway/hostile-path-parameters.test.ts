// Path parameters carrying NATS subject characters (`*`, `>`, `.`, spaces) or NUL must be refused as
// 400 before they reach a subject or a query, and must leave the gateway's NATS connection, and so
// every SSE client of the gateway, working.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderProgressEvent, orderProgressSubject } from '@conveyor/contracts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';
import { SseReader } from './sse-client.ts';

const hostileIds = ['*', '>', 'ord_1.>', 'a b', 'a\u0000b', 'a\r\nPUB x 1\r\n', 'ord_1.*.x', 'a..b'];

describe('gateway path parameters with NATS subject characters', () => {
  let gateway: GatewayFixture;
  let baseUrl: string;
  beforeEach(async () => {
    gateway = await openGateway();
    baseUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  it('answers 400 VALIDATION_FAILED naming params.id on every route with an id', async () => {
    const urls = (id: string) =>
      [
        ['GET', `/v1/orders/${id}`],
        ['GET', `/v1/orders/${id}/events`],
        ['GET', `/v1/jobs/${id}`],
        ['GET', `/v1/schedules/${id}`],
        ['DELETE', `/v1/schedules/${id}`],
        ['POST', `/v1/schedules/${id}/pause`],
      ] as const;
    for (const id of hostileIds) {
      for (const [method, url] of urls(encodeURIComponent(id))) {
        const response = await gateway.app.inject({ method, url, headers: gateway.auth });

        expect(response.statusCode, `${method} ${url}`).toBe(400);
        expect(json(response)).toMatchObject({
          error: { code: 'VALIDATION_FAILED', details: [{ location: 'params', field: 'id' }] },
        });
      }
    }
  });

  it('keeps the NATS connection: an open SSE stream goes on, and the connection never drops', async () => {
    const placed = await gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: gateway.auth,
      payload: { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] },
    });
    const orderId = String(json(placed)['id']);
    const response = await fetch(`${baseUrl}/v1/orders/${orderId}/events`, { headers: gateway.auth });
    expect(response.status).toBe(200);
    if (response.body === null) throw new Error('the stream has no body');
    const events = new SseReader(response.body);
    expect(await events.next()).toMatchObject({ event: 'snapshot' });
    const statuses: string[] = [];
    void (async () => {
      for await (const status of gateway.events.connection.status()) statuses.push(status.type);
    })();

    for (const id of hostileIds) {
      const hostile = await fetch(`${baseUrl}/v1/orders/${encodeURIComponent(id)}/events`, {
        headers: gateway.auth,
      });
      await hostile.body?.cancel();
    }
    await gateway.events.connection.flush();
    gateway.events.publish(orderProgressSubject(gateway.tenant, orderId), orderProgressEvent, {
      orderId,
      tenantId: gateway.tenant,
      sequence: 2,
      status: 'completed',
      at: new Date().toISOString(),
    });

    expect(await events.next()).toMatchObject({ event: 'progress', data: { orderId, status: 'completed' } });
    expect(statuses.filter((type) => type !== 'pingTimer')).toEqual([]);
  });
});
