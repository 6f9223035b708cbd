// How a service process's NodeSDK is set up. What NodeSDK reads from the OTEL_* environment is left
// to it (exporter, endpoint, protocol, headers, sampler, service name, resource attributes); Conveyor
// decides only three defaults, each of which the environment can still override, and the
// instrumentations (see the README for the ones left out and why):
// - `service.name` defaults to the service whose main.ts runs, instead of `unknown_service:node`;
// - the propagator is W3C trace context only, without baggage, unless OTEL_PROPAGATORS is set;
// - with no exporter configured (neither OTEL_TRACES_EXPORTER nor an OTLP endpoint) spans are made
//   (trace ids reach logs and message headers) but not exported, where NodeSDK would post them to
//   localhost:4318 and fail quietly every few seconds.
import { trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { mongodbStatementShape } from './mongodb-statement-shape.ts';
import { serviceNameFromEntry } from './service-name-from-entry.ts';
import { withStableDatabaseAttributes } from './stable-database-attributes.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ProcessSdkSetup {
  readonly configuration: Partial<NodeSDKConfiguration>;
  /** To run right after NodeSDK.start(), once the global tracer provider is registered. */
  afterStart(): void;
}

export function processSdkSetup(env: Environment, entryPath: string | undefined): ProcessSdkSetup {
  // Disabled until NodeSDK.start() enables it, so that OTEL_SDK_DISABLED leaves the driver unpatched.
  const mongodb = new MongoDBInstrumentation({
    enabled: false,
    requireParentSpan: true,
    dbStatementSerializer: mongodbStatementShape,
  });
  const serviceName = serviceNameFromEntry(entryPath);
  return {
    configuration: {
      instrumentations: [mongodb],
      // NodeSDK merges what the environment says (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) over this.
      ...(serviceName === undefined
        ? {}
        : {
            resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
          }),
      ...(isSet(env, 'OTEL_PROPAGATORS') ? {} : { textMapPropagator: new W3CTraceContextPropagator() }),
      ...(tracesExporterConfigured(env) ? {} : { spanProcessors: [new NoopSpanProcessor()] }),
    },
    afterStart() {
      mongodb.setTracerProvider(withStableDatabaseAttributes(trace.getTracerProvider()));
    },
  };
}

function tracesExporterConfigured(env: Environment): boolean {
  return ['OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'].some(
    (name) => isSet(env, name),
  );
}

/** As the SDK reads its variables: empty or blank is unset. */
function isSet(env: Environment, name: string): boolean {
  return (env[name]?.trim() ?? '') !== '';
}
