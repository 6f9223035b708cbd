import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../support/index.ts';
import { api, startStack, type Stack } from './stack.ts';

const accepted = z.object({
  id: z.string(),
  status: z.literal('accepted'),
  traceId: z.string(),
  links: z.object({ self: z.string(), events: z.string() }),
});
const orderView = z.object({
  id: z.string(),
  status: z.string(),
  steps: z.record(z.string(), z.object({ state: z.string() })),
  traceId: z.string().nullable(),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe('the order system end to end (real processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ fulfilmentWorkers: 2 });
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  async function placeOrder(
    index: number,
    overrides: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const response = await api(
      stack,
      'POST',
      '/v1/orders',
      {
        customerId: `customer-${index}`,
        email: `customer-${index}@example.test`,
        items: [{ sku: 'WIDGET-1', qty: 1 + (index % 3) }],
        express: index % 5 === 0,
        ...overrides,
      },
      headers,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return { ...accepted.parse(response.body), location: response.headers.get('location') };
  }

  it('completes 200 orders (20% express) and sends each customer exactly one confirmation e-mail', async () => {
    const total = 200;
    const started = performance.now();
    const orders: { id: string }[] = [];
    for (let batch = 0; batch < total; batch += 20) {
      orders.push(
        ...(await Promise.all(Array.from({ length: 20 }, (_, offset) => placeOrder(batch + offset)))),
      );
    }
    const ordersCollection = stack.db.collection<{
      _id: string;
      status: string;
      createdAt: Date;
      updatedAt: Date;
    }>('orders');
    await waitFor(async () => (await ordersCollection.countDocuments({ status: 'completed' })) === total, {
      what: `${total} orders completed\n${stack.logs()}`,
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    const seconds = (performance.now() - started) / 1000;
    const confirmationsSoFar = () =>
      stack.smtp.messages.filter((mail) => mail.messageId?.endsWith('.confirmed@conveyor.local>'));
    // Each order's confirmation and shipping e-mails are sent side by side: wait for the confirmations.
    await waitFor(() => confirmationsSoFar().length >= total, {
      what: `${total} confirmation e-mails`,
      timeoutMs: 60_000,
    });
    const confirmations = confirmationsSoFar();
    const perCustomer = new Map<string, number>();
    for (const mail of confirmations)
      for (const to of mail.to) perCustomer.set(to, (perCustomer.get(to) ?? 0) + 1);
    expect(perCustomer.size).toBe(total);
    expect([...perCustomer.values()].every((count) => count === 1)).toBe(true);

    const latencies = (
      await ordersCollection.find({ _id: { $in: orders.map((order) => order.id) } }).toArray()
    )
      .map((order) => order.updatedAt.getTime() - order.createdAt.getTime())
      .sort((a, b) => a - b);
    process.stdout.write(
      `[e2e] ${total} orders in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)} orders/s); accept→completed p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms\n`,
    );
    // Bounded by its own waits (120 s to complete, 60 s for the mail), not by the default 60 s.
  }, 240_000);

  it('follows one request with one trace id through gateway, broker, workers, MongoDB, NATS, notifier and SMTP', async () => {
    // A caller's trace context is linked, never adopted, and its baggage never read.
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const order = await placeOrder(
      1_001,
      {},
      { traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01`, baggage: 'conveyor.tenant=someone-else' },
    );
    expect(order.traceId).not.toBe(callerTraceId);
    await waitFor(
      async () =>
        (await api(stack, 'GET', `/v1/orders/${order.id}`)).body !== undefined &&
        orderView.parse((await api(stack, 'GET', `/v1/orders/${order.id}`)).body).status === 'completed',
      {
        what: 'the traced order completed',
        timeoutMs: 30_000,
      },
    );
    const spansOf = () => stack.otlp.spans.filter((span) => span.traceId === order.traceId);
    await waitFor(
      () => {
        const spans = spansOf();
        const services = new Set(spans.map((span) => span.service));
        return (
          ['gateway', 'fulfilment-worker', 'notifier'].every((service) => services.has(service)) &&
          spans.some((span) => span.service === 'gateway' && span.parentSpanId === undefined) &&
          // The delivery of order.placed runs every step: its span ends (and is exported) last.
          spans.some((span) => span.service === 'fulfilment-worker' && span.name.startsWith('process')) &&
          spans.some((span) => span.service === 'notifier' && /smtp|mail/i.test(span.name))
        );
      },
      { what: `spans of trace ${order.traceId} from every service`, timeoutMs: 30_000, intervalMs: 250 },
    );
    const spans = spansOf();
    const names = spans.map((span) => `${span.service}: ${span.name}`);
    expect(names.some((name) => name.startsWith('gateway: POST'))).toBe(true);
    expect(names.some((name) => name.startsWith('gateway: publish'))).toBe(true);
    expect(names.some((name) => name.startsWith('fulfilment-worker: process'))).toBe(true);
    expect(names.some((name) => /^fulfilment-worker: publish conveyor\.progress/.test(name))).toBe(true);
    expect(names.some((name) => name.startsWith('notifier: process'))).toBe(true);
    // The request's span is the trace's root: the caller's traceparent did not become its parent.
    expect(
      spans.filter((span) => span.parentSpanId === undefined).map((span) => `${span.service}: ${span.name}`),
    ).toEqual(['gateway: POST /v1/orders']);
    // MongoDB CLIENT spans from the maintained instrumentation (`mongodb.<command>`), with the stable
    // attribute names: the gateway's insert of the order and the workers' updates.
    const isMongoSpanOf = (service: string) => (span: (typeof spans)[number]) =>
      span.service === service &&
      span.name.startsWith('mongodb.') &&
      span.attributes['db.system.name'] === 'mongodb';
    expect(spans.some(isMongoSpanOf('gateway'))).toBe(true);
    expect(spans.some(isMongoSpanOf('fulfilment-worker'))).toBe(true);
  });

  it('compensates a declined payment and a failed shipment, refunding what was charged, and tells the customer', async () => {
    const declined = await placeOrder(2_001, { items: [{ sku: 'DECLINE-1', qty: 1 }] });
    const undeliverable = await placeOrder(2_002, { items: [{ sku: 'UNDELIVERABLE-1', qty: 1 }] });
    for (const order of [declined, undeliverable]) {
      await waitFor(
        async () =>
          ['compensated', 'failed'].includes(
            orderView.parse((await api(stack, 'GET', `/v1/orders/${order.id}`)).body).status,
          ),
        {
          what: `order ${order.id} compensated`,
          timeoutMs: 30_000,
        },
      );
    }
    const shipped = orderView.parse((await api(stack, 'GET', `/v1/orders/${undeliverable.id}`)).body);
    expect(shipped.status).toBe('compensated');
    expect(shipped.steps.payment?.state).toBe('compensated');
    expect(shipped.steps.reserve?.state).toBe('compensated');
    // The sandbox payment provider records every call it honoured, keyed by operation and idempotency key.
    const effects = stack.db.collection<{ orderId: string; operation: string; outcome: string }>(
      'sandbox_effects',
    );
    const operationsOf = async (orderId: string) =>
      (await effects.find({ orderId, outcome: 'applied' }).toArray())
        .map((effect) => effect.operation)
        .sort();
    expect(await operationsOf(undeliverable.id)).toEqual(
      expect.arrayContaining(['payment.capture', 'payment.refund']),
    );
    expect(await operationsOf(declined.id)).not.toContain('payment.refund');
    await waitFor(
      () =>
        [declined, undeliverable].every((order) =>
          stack.smtp.messages.some((mail) => mail.messageId === `<${order.id}.failed@conveyor.local>`),
        ),
      { what: 'failure e-mails', timeoutMs: 30_000 },
    );
  });

  it('answers a quote synchronously over request/reply', async () => {
    const response = await api(stack, 'GET', '/v1/quote?sku=WIDGET-1&qty=3');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ sku: 'WIDGET-1', qty: 3 });
  });

  it('returns the same order for a repeated Idempotency-Key and 409 for the same key with another body', async () => {
    const first = await placeOrder(3_001, {}, { 'idempotency-key': 'e2e-key-1' });
    const again = await placeOrder(3_001, {}, { 'idempotency-key': 'e2e-key-1' });
    expect(again.id).toBe(first.id);
    const conflicting = await api(
      stack,
      'POST',
      '/v1/orders',
      { customerId: 'someone-else', email: 'x@example.test', items: [{ sku: 'WIDGET-1', qty: 9 }] },
      { 'idempotency-key': 'e2e-key-1' },
    );
    expect(conflicting.status).toBe(409);
  });

  it('streams progress over SSE from the snapshot until the order completes', async () => {
    const order = await placeOrder(4_001);
    const response = await fetch(`${stack.gatewayUrl}/v1/orders/${order.id}/events`, {
      headers: stack.authHeaders,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const statuses = [...text.matchAll(/"status":"([a-z_]+)"/g)].map((match) => match[1]);
    expect(statuses.at(-1)).toBe('completed');
    expect(statuses.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a request without the stack's API key with 401, in the gateway's error shape and headers", async () => {
    const response = await fetch(`${stack.gatewayUrl}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customerId: 'c',
        email: 'c@example.test',
        items: [{ sku: 'WIDGET-1', qty: 1 }],
      }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
