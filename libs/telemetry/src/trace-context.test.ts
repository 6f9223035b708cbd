import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from './start-telemetry.ts';
import { extractTraceContext, injectTraceHeaders } from './trace-context.ts';

describe('trace context in message headers', () => {
  let telemetry: Telemetry;
  let exporter: InMemorySpanExporter;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'trace-context-test', exporter });
  });

  afterEach(async () => {
    await telemetry.shutdown();
  });

  it('keeps the trace id and parent span id through inject and extract', () => {
    const producer = telemetry.tracer.startSpan('publish orders');
    const headers: Record<string, unknown> = { 'x-conveyor-attempt': 1 };
    injectTraceHeaders(trace.setSpan(context.active(), producer), headers);
    producer.end();

    const consumer = telemetry.tracer.startSpan('process orders', {}, extractTraceContext(headers));
    consumer.end();

    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const [published, processed] = exporter.getFinishedSpans();
    expect(processed?.spanContext().traceId).toBe(published?.spanContext().traceId);
    expect(processed?.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
  });

  it('reads headers that arrive as Buffers, as AMQP header values may', () => {
    const span = telemetry.tracer.startSpan('publish');
    const written: Record<string, unknown> = {};
    injectTraceHeaders(trace.setSpan(ROOT_CONTEXT, span), written);
    span.end();
    const asBuffers = Object.fromEntries(
      Object.entries(written).map(([key, value]) => [key, Buffer.from(String(value))]),
    );

    const extracted = trace.getSpanContext(extractTraceContext(asBuffers));

    expect(extracted?.traceId).toBe(span.spanContext().traceId);
    expect(extracted?.spanId).toBe(span.spanContext().spanId);
    expect(extracted?.isRemote).toBe(true);
  });

  it('reads headers given as string arrays under any letter case, as NATS hands them over', () => {
    const headers = { Traceparent: ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'] };

    const extracted = trace.getSpanContext(extractTraceContext(headers));

    expect(extracted).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
  });

  it('carries tracestate along with traceparent', () => {
    const headers = {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=value',
    };
    const span = telemetry.tracer.startSpan('child', {}, extractTraceContext(headers));
    const forwarded: Record<string, unknown> = {};
    injectTraceHeaders(trace.setSpan(ROOT_CONTEXT, span), forwarded);
    span.end();

    expect(forwarded['tracestate']).toBe('vendor=value');
  });

  it('returns the base context when the headers carry no valid trace context', () => {
    expect(extractTraceContext(undefined)).toBe(ROOT_CONTEXT);
    expect(trace.getSpanContext(extractTraceContext({}))).toBeUndefined();
    expect(trace.getSpanContext(extractTraceContext({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
    expect(trace.getSpanContext(extractTraceContext({ traceparent: undefined }))).toBeUndefined();
  });
});
