import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { afterEach, describe, expect, it } from 'vitest';
import { otlpTracesUrl } from './otlp-traces-url.ts';
import { startTelemetry, type Telemetry } from './start-telemetry.ts';
import { TelemetryAlreadyStartedError } from './telemetry-already-started-error.ts';

describe('startTelemetry', () => {
  const started: Telemetry[] = [];

  function start(exporter = new InMemorySpanExporter()): {
    telemetry: Telemetry;
    exporter: InMemorySpanExporter;
  } {
    const telemetry = startTelemetry({ serviceName: 'start-test', serviceVersion: '1.2.3', exporter });
    started.push(telemetry);
    return { telemetry, exporter };
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map((telemetry) => telemetry.shutdown()));
  });

  it('hands ended spans to the given exporter, with the service named in the resource', () => {
    const { telemetry, exporter } = start();

    telemetry.tracer.startSpan('work').end();

    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('work');
    expect(span?.resource.attributes[ATTR_SERVICE_NAME]).toBe('start-test');
    expect(span?.resource.attributes[ATTR_SERVICE_VERSION]).toBe('1.2.3');
  });

  it('registers the global tracer provider, context manager and W3C propagator', () => {
    const { exporter } = start();

    trace.getTracer('instrumentation').startActiveSpan('global', (span) => {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      expect(carrier['traceparent']).toContain(span.spanContext().traceId);
      expect(trace.getActiveSpan()).toBe(span);
      span.end();
    });

    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['global']);
  });

  it('refuses a second start while one is running, and allows one after shutdown', async () => {
    const { telemetry } = start();

    expect(() => startTelemetry({ serviceName: 'second' })).toThrow(TelemetryAlreadyStartedError);
    await telemetry.shutdown();

    const { telemetry: again, exporter } = start();
    again.tracer.startSpan('after restart').end();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });

  it('returns the same promise from every shutdown call and unregisters the globals', async () => {
    const { telemetry } = start();

    const first = telemetry.shutdown();
    expect(telemetry.shutdown()).toBe(first);
    await first;

    const span = trace.getTracer('after').startSpan('unrecorded');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('starts without any exporter when none is given', () => {
    const telemetry = startTelemetry({ serviceName: 'no-export' });
    started.push(telemetry);

    const span = telemetry.tracer.startSpan('kept nowhere');
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    span.end();
  });
});

describe('otlpTracesUrl', () => {
  it('appends the traces path to a base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT is read', () => {
    expect(otlpTracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  });

  it('keeps an endpoint that already names the traces path', () => {
    expect(otlpTracesUrl('http://collector:4318/v1/traces')).toBe('http://collector:4318/v1/traces');
  });
});
