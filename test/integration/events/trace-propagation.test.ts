import { SpanKind, trace } from '@opentelemetry/api';
import { startTelemetry, type Telemetry } from '@conveyor/telemetry';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueName, waitFor } from '../../support/index.ts';
import { EventsFixture } from './events-fixture.ts';

const statusSchema = z.strictObject({ orderId: z.string(), status: z.string() });

describe('trace context across NATS', () => {
  const fixture = new EventsFixture();
  let telemetry: Telemetry;
  let exporter: InMemorySpanExporter;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'events-trace-test', exporter });
  });

  afterEach(async () => {
    await fixture.cleanUp();
    await telemetry.shutdown();
  });

  it('runs the handler in a consumer span of the producer’s trace, parented and linked to the publish span', async () => {
    const subject = uniqueName('test.status');
    const publisher = await fixture.client('gateway', telemetry.tracer);
    const subscriber = await fixture.client('dashboard', telemetry.tracer);
    let handlerTraceId: string | undefined;
    subscriber.subscribe(subject, statusSchema, () => {
      handlerTraceId = trace.getActiveSpan()?.spanContext().traceId;
    });
    await subscriber.connection.flush();

    const requestTraceId = telemetry.tracer.startActiveSpan('POST /orders', (request) => {
      publisher.publish(subject, statusSchema, { orderId: 'o-1', status: 'placed' });
      request.end();
      return request.spanContext().traceId;
    });

    const processSpan = await waitFor(() => findSpan(exporter, `process ${subject}`), {
      what: 'the process span',
    });
    const publishSpan = findSpan(exporter, `publish ${subject}`);
    if (publishSpan === undefined) throw new Error('no publish span was exported');
    expect(publishSpan.kind).toBe(SpanKind.PRODUCER);
    expect(publishSpan.spanContext().traceId).toBe(requestTraceId);
    expect(processSpan.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan.spanContext().traceId).toBe(requestTraceId);
    expect(processSpan.parentSpanContext?.spanId).toBe(publishSpan.spanContext().spanId);
    expect(processSpan.links.map((link) => link.context.spanId)).toEqual([publishSpan.spanContext().spanId]);
    expect(processSpan.attributes['messaging.system']).toBe('nats');
    expect(processSpan.attributes['messaging.destination.name']).toBe(subject);
    expect(handlerTraceId).toBe(requestTraceId);
  });

  it('starts a new trace for an event published without trace headers', async () => {
    const subject = uniqueName('test.status');
    const subscriber = await fixture.client('dashboard', telemetry.tracer);
    const raw = await fixture.connection();
    subscriber.subscribe(subject, statusSchema, () => undefined);
    await subscriber.connection.flush();

    raw.publish(subject, JSON.stringify({ orderId: 'o-2', status: 'placed' }));

    const processSpan = await waitFor(() => findSpan(exporter, `process ${subject}`), {
      what: 'the process span',
    });
    expect(processSpan.parentSpanContext).toBeUndefined();
    expect(processSpan.links).toEqual([]);
  });
});

function findSpan(exporter: InMemorySpanExporter, name: string): ReadableSpan | undefined {
  return exporter.getFinishedSpans().find((span) => span.name === name);
}
