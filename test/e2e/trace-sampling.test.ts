// Sampling is the SDK's, configured by the standard variables: with the parent-based ratio sampler at
// 0 no process exports a span. (The trace of a sampled order is followed in orders.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../support/index.ts';
import { api, startStack, type Stack } from './stack.ts';

const accepted = z.object({ id: z.string(), traceId: z.string() });
const orderView = z.object({ status: z.string() });

describe('trace sampling from OTEL_TRACES_SAMPLER (real processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      fulfilmentWorkers: 1,
      commonEnv: { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' },
    });
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('exports no span from any process when the ratio is 0, though the order goes through', async () => {
    const response = await api(stack, 'POST', '/v1/orders', {
      customerId: 'unsampled',
      email: 'unsampled@example.test',
      items: [{ sku: 'WIDGET-1', qty: 1 }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const order = accepted.parse(response.body);
    // Tracing is on (the request has a trace id), the trace is just not sampled.
    expect(order.traceId).toMatch(/^[0-9a-f]{32}$/);
    await waitFor(
      async () =>
        orderView.parse((await api(stack, 'GET', `/v1/orders/${order.id}`)).body).status === 'completed',
      { what: `order ${order.id} completed\n${stack.logs()}`, timeoutMs: 30_000 },
    );
    await stack.smtp.waitForMessages(1, 30_000);

    // A stopping process shuts its SDK down, which exports every span it still holds.
    await Promise.all(stack.services.map((service) => service.stop()));

    expect(stack.otlp.spans.map((span) => `${span.service}: ${span.name}`)).toEqual([]);
  });
});
