// A caller's `baggage` header is caller-controlled: it must never reach the gateway's spans, logs or the
// messages it publishes. The test runs the way a deployment could be set up to leak it: a global
// propagator that extracts baggage, and a span processor that copies the active baggage into every
// span's attributes (as OpenTelemetry's BaggageSpanProcessor does).
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { InMemorySpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { orderPlaced } from '@conveyor/contracts';
import { createLogger, startTelemetry, type Telemetry } from '@conveyor/telemetry';
import { waitFor } from '../../support/index.ts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

const callerBaggage = 'user.id=mallory-7f3a,conveyor.tenant=someone-else,role=admin';
const leakedValues = ['mallory-7f3a', 'someone-else', 'admin'];

/** Extracts the W3C `baggage` header (k=v,k=v) into the context, as the SDK's baggage propagator does. */
const baggagePropagator: TextMapPropagator = {
  inject: () => undefined,
  fields: () => ['baggage'],
  extract(context: Context, carrier: unknown, getter) {
    const raw = getter.get(carrier, 'baggage');
    const header = Array.isArray(raw) ? raw.join(',') : raw;
    if (header === undefined) return context;
    const entries = Object.fromEntries(
      header.split(',').map((pair) => {
        const [key = '', value = ''] = pair.split('=');
        return [key.trim(), { value: decodeURIComponent(value.trim()) }];
      }),
    );
    return propagation.setBaggage(context, propagation.createBaggage(entries));
  },
};

/** Copies the baggage of the context a span starts in into its attributes, prefixed `baggage.`. */
const baggageToAttributes: SpanProcessor = {
  onStart(span, parentContext) {
    for (const [key, entry] of propagation.getBaggage(parentContext)?.getAllEntries() ?? [])
      span.setAttribute(`baggage.${key}`, entry.value);
  },
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

describe('gateway and untrusted baggage', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let gateway: GatewayFixture;
  const logLines: string[] = [];
  beforeAll(() => {
    telemetry = startTelemetry({
      serviceName: 'gateway-test',
      exporter,
      spanProcessors: [baggageToAttributes],
    });
    // A deployment whose global propagator extracts baggage (as the SDK's default one does).
    propagation.disable();
    propagation.setGlobalPropagator(baggagePropagator);
  });
  afterAll(async () => {
    await telemetry.shutdown();
  });
  beforeEach(async () => {
    exporter.reset();
    logLines.length = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((line) => line !== ''),
        );
        done();
      },
    });
    gateway = await openGateway({
      tracer: telemetry.tracer,
      logger: createLogger({ name: 'gateway', level: 'trace', destination: sink }),
    });
  });
  afterEach(async () => {
    await gateway.cleanUp();
  });

  it('would show baggage in span attributes if it reached a span (the rig can detect a leak)', () => {
    const withBaggage = propagation.extract(ROOT_CONTEXT, { baggage: callerBaggage });
    telemetry.tracer.startSpan('probe', {}, withBaggage).end();

    const probe = exporter.getFinishedSpans().find((span) => span.name === 'probe');
    expect(probe?.attributes['baggage.user.id']).toBe('mallory-7f3a');
  });

  it('keeps a caller’s baggage out of every span, log line and published message of the request', async () => {
    const queue = await gateway.bindQueue(orderPlaced.name);
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: {
        ...gateway.auth,
        traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01`,
        baggage: callerBaggage,
      },
      payload: { customerId: 'cust-1', email: 'ada@example.com', items: [{ sku: 'SKU-1', qty: 1 }] },
    });
    expect(response.statusCode).toBe(202);
    const { id, traceId } = json(response) as { id: string; traceId: string };

    const published = await gateway.receive(
      queue,
      (body) => (body as { orderId?: unknown }).orderId === id,
      'order.placed.v1 of the order',
    );
    const spans = await waitFor(
      () => {
        const ofTrace = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
        const kinds = new Set(ofTrace.map((span) => span.kind));
        return kinds.has(SpanKind.SERVER) && kinds.has(SpanKind.PRODUCER) ? ofTrace : undefined;
      },
      { what: 'the server and producer spans of the request' },
    );

    // The caller's trace is linked, not continued, and its baggage is nowhere.
    const server = spans.find((span) => span.kind === SpanKind.SERVER);
    expect(server?.links.map((link) => link.context.traceId)).toEqual([callerTraceId]);
    for (const span of spans) {
      const attributes = JSON.stringify(span.attributes);
      expect(
        Object.keys(span.attributes).filter((key) => key.startsWith('baggage.')),
        span.name,
      ).toEqual([]);
      for (const value of leakedValues) expect(attributes, span.name).not.toContain(value);
    }
    const headers = published.properties.headers ?? {};
    expect(Object.keys(headers).map((name) => name.toLowerCase())).not.toContain('baggage');
    expect(JSON.stringify(headers)).not.toContain('mallory');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain('mallory');
  });
});
