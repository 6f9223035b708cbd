import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderProgressEvent, orderProgressSubject, type OrderProgressEvent } from '@conveyor/contracts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';
import { SseReader } from './sse-client.ts';

describe('gateway order progress stream (SSE)', () => {
  let gateway: GatewayFixture;
  let baseUrl: string;
  beforeEach(async () => {
    gateway = await openGateway();
    baseUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  async function placeOrder(): Promise<string> {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: gateway.auth,
      payload: { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] },
    });
    return String(json(response)['id']);
  }

  async function follow(orderId: string): Promise<{ response: Response; events: SseReader }> {
    const response = await fetch(`${baseUrl}/v1/orders/${orderId}/events`, {
      headers: { ...gateway.auth, accept: 'text/event-stream' },
    });
    if (response.body === null) throw new Error('the stream has no body');
    return { response, events: new SseReader(response.body) };
  }

  function progress(
    orderId: string,
    event: Pick<OrderProgressEvent, 'sequence' | 'status'> & Partial<OrderProgressEvent>,
  ) {
    const published = gateway.events.publish(
      orderProgressSubject(gateway.tenant, orderId),
      orderProgressEvent,
      {
        orderId,
        tenantId: gateway.tenant,
        at: new Date().toISOString(),
        ...event,
      },
    );
    expect(published).toEqual({ published: true });
  }

  it('sends the snapshot, then live progress, and ends at a terminal status', async () => {
    const orderId = await placeOrder();
    const { response, events } = await follow(orderId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');

    const snapshot = await events.next();
    expect(snapshot).toMatchObject({
      event: 'snapshot',
      id: '1',
      data: { id: orderId, status: 'accepted', sequence: 1 },
    });

    progress(orderId, { sequence: 2, status: 'in_progress', step: 'reserve' });
    expect(await events.next()).toMatchObject({
      event: 'progress',
      id: '2',
      data: { orderId, sequence: 2, status: 'in_progress', step: 'reserve' },
    });

    progress(orderId, { sequence: 5, status: 'completed' });
    expect(await events.next()).toMatchObject({
      event: 'progress',
      data: { sequence: 5, status: 'completed' },
    });
    expect(await events.next()).toBeUndefined();
  });

  it('skips progress the snapshot already reflects', async () => {
    const orderId = await placeOrder();
    await gateway.store.db
      .collection('orders')
      .updateOne({ _id: orderId } as never, { $set: { sequence: 3, status: 'in_progress' } });
    const { events } = await follow(orderId);
    expect(await events.next()).toMatchObject({ event: 'snapshot', data: { sequence: 3 } });

    // Events on one subject arrive in publish order: the stale one comes first and must be dropped.
    progress(orderId, { sequence: 2, status: 'in_progress', step: 'reserve' });
    progress(orderId, { sequence: 4, status: 'completed' });

    expect(await events.next()).toMatchObject({
      event: 'progress',
      data: { sequence: 4, status: 'completed' },
    });
    expect(await events.next()).toBeUndefined();
  });

  it('ends right after the snapshot when the order is already finished', async () => {
    const orderId = await placeOrder();
    await gateway.store.db
      .collection('orders')
      .updateOne({ _id: orderId } as never, { $set: { status: 'compensated', sequence: 6 } });

    const { events } = await follow(orderId);

    expect(await events.next()).toMatchObject({
      event: 'snapshot',
      data: { status: 'compensated', sequence: 6 },
    });
    expect(await events.next()).toBeUndefined();
  });

  it('re-reads the order on each heartbeat, so a lost terminal event does not keep the stream open', async () => {
    await gateway.cleanUp();
    gateway = await openGateway({ options: { sseHeartbeatMs: 100 } });
    baseUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const orderId = await placeOrder();
    const { events } = await follow(orderId);
    expect(await events.next()).toMatchObject({ event: 'snapshot', data: { status: 'accepted' } });

    await gateway.store.db
      .collection('orders')
      .updateOne({ _id: orderId } as never, { $set: { status: 'completed', sequence: 5 } });

    expect(await events.next()).toMatchObject({
      event: 'snapshot',
      data: { status: 'completed', sequence: 5 },
    });
    expect(await events.next()).toBeUndefined();
  });

  it("answers 404 before streaming for an unknown order or another tenant's", async () => {
    const orderId = await placeOrder();
    const unknown = await gateway.app.inject({
      method: 'GET',
      url: '/v1/orders/ord_unknown/events',
      headers: gateway.auth,
    });
    const foreign = await gateway.app.inject({
      method: 'GET',
      url: `/v1/orders/${orderId}/events`,
      headers: await gateway.authFor(`${gateway.tenant}-other`),
    });

    expect(unknown.statusCode).toBe(404);
    expect(json(unknown)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(foreign.statusCode).toBe(404);
  });

  it('ends open streams when the gateway closes', async () => {
    const orderId = await placeOrder();
    const { events } = await follow(orderId);
    expect(await events.next()).toMatchObject({ event: 'snapshot' });

    await gateway.app.close();

    expect(await events.next()).toBeUndefined();
  });
});
