import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { processSdkSetup } from './process-sdk-setup.ts';

const gatewayEntry = '/app/services/gateway/src/main.ts';

describe('processSdkSetup', () => {
  it('defaults service.name to the service whose main.ts the process runs', () => {
    const { configuration } = processSdkSetup({}, gatewayEntry);

    expect(configuration.resource?.attributes[ATTR_SERVICE_NAME]).toBe('gateway');
  });

  it('leaves the resource to NodeSDK when the entry point is not a service', () => {
    expect(processSdkSetup({}, '/app/scripts/tool.ts').configuration.resource).toBeUndefined();
  });

  it('propagates W3C trace context only, without baggage, unless OTEL_PROPAGATORS chooses', () => {
    const byDefault = processSdkSetup({}, gatewayEntry).configuration.textMapPropagator;
    const chosen = processSdkSetup({ OTEL_PROPAGATORS: 'tracecontext,baggage' }, gatewayEntry).configuration;

    expect(byDefault?.fields()).toEqual(['traceparent', 'tracestate']);
    expect(chosen.textMapPropagator).toBeUndefined();
  });

  it('makes spans without exporting them when no exporter is configured', () => {
    const { configuration } = processSdkSetup({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, gatewayEntry);

    expect(configuration.spanProcessors).toEqual([new NoopSpanProcessor()]);
  });

  it('leaves the exporter to NodeSDK when the environment configures one', () => {
    for (const env of [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' },
      { OTEL_TRACES_EXPORTER: 'console' },
    ]) {
      expect(
        processSdkSetup(env, gatewayEntry).configuration.spanProcessors,
        JSON.stringify(env),
      ).toBeUndefined();
    }
  });

  it('instruments the MongoDB driver, enabled only when NodeSDK starts', () => {
    const [mongodb] = processSdkSetup({}, gatewayEntry).configuration.instrumentations ?? [];

    expect(mongodb).toMatchObject({ instrumentationName: '@opentelemetry/instrumentation-mongodb' });
    expect(Array.isArray(mongodb) ? undefined : mongodb?.getConfig().enabled).toBe(false);
  });
});
