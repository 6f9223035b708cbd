import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { orderPlaced } from '@conveyor/contracts';
import { startTelemetry, type Telemetry } from '@conveyor/telemetry';
import { waitFor } from '../../support/index.ts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

describe('gateway tracing', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let gateway: GatewayFixture;
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'gateway-test', exporter });
  });
  afterAll(async () => {
    await telemetry.shutdown();
  });
  beforeEach(async () => {
    exporter.reset();
    gateway = await openGateway({ tracer: telemetry.tracer });
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  async function placeOrder(headers: Record<string, string> = {}) {
    await gateway.bindQueue(orderPlaced.name);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...gateway.auth, ...headers },
      payload: { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] },
    });
    expect(response.statusCode).toBe(202);
    const traceId = String(json(response)['traceId']);
    const server = await waitFor(
      () =>
        exporter
          .getFinishedSpans()
          .find((span) => span.kind === SpanKind.SERVER && span.spanContext().traceId === traceId),
      { what: 'the HTTP server span' },
    );
    return { traceId, server, response };
  }

  function spansOf(traceId: string): ReadableSpan[] {
    return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  }

  it('makes the HTTP span the root of the trace it returns, with the publish as its child', async () => {
    const { traceId, server, response } = await placeOrder();

    expect(server.name).toBe('POST /v1/orders');
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.attributes['http.response.status_code']).toBe(202);
    expect(response.headers['x-trace-id']).toBe(traceId);
    const publish = spansOf(traceId).find((span) => span.kind === SpanKind.PRODUCER);
    expect(publish?.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  });

  it("does not adopt a caller's traceparent as parent, and links to it instead", async () => {
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { traceId, server } = await placeOrder({ traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01` });

    expect(traceId).not.toBe(callerTraceId);
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.links.map((link) => link.context.traceId)).toEqual([callerTraceId]);
  });
});
