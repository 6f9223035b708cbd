// Starts tracing for one process: a tracer provider with the span processors asked for, and the
// global context manager (AsyncLocalStorage), W3C trace-context propagator and tracer provider that
// instrumentations and `trace.getActiveSpan()` rely on. Reads no environment: the service's config
// decides the endpoint and passes it in.
import {
  context,
  propagation,
  trace,
  type Attributes,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { otlpTracesUrl } from './otlp-traces-url.ts';
import { TelemetryAlreadyStartedError } from './telemetry-already-started-error.ts';

export interface TelemetryOptions {
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** OTLP/HTTP base endpoint (as in OTEL_EXPORTER_OTLP_ENDPOINT); spans are batched to it. */
  readonly otlpEndpoint?: string;
  /** Exported span by span, synchronously on end: for tests (an InMemorySpanExporter). */
  readonly exporter?: SpanExporter;
  /** Extra processors, added after the ones above. */
  readonly spanProcessors?: readonly SpanProcessor[];
  /** Instrumentations to enable with this tracer provider; none are enabled by default. */
  readonly instrumentations?: readonly Instrumentation[];
  /** Default: parent-based, always-on for root spans. */
  readonly sampler?: Sampler;
  /** Added to the resource next to service.name and service.version. */
  readonly resourceAttributes?: Attributes;
}

export interface Telemetry {
  readonly tracer: Tracer;
  readonly tracerProvider: TracerProvider;
  /** Exports every ended span still buffered. */
  flush(): Promise<void>;
  /** Flushes, stops instrumentations and processors, and unregisters the globals. Idempotent. */
  shutdown(): Promise<void>;
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const tracerProvider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      ...options.resourceAttributes,
      [ATTR_SERVICE_NAME]: options.serviceName,
      ...(options.serviceVersion === undefined ? {} : { [ATTR_SERVICE_VERSION]: options.serviceVersion }),
    }),
    spanProcessors: spanProcessorsFor(options),
    ...(options.sampler === undefined ? {} : { sampler: options.sampler }),
  });
  registerGlobals(tracerProvider);
  const unloadInstrumentations = registerInstrumentations({
    instrumentations: [...(options.instrumentations ?? [])],
    tracerProvider,
  });

  let shutdown: Promise<void> | undefined;
  return {
    tracer: tracerProvider.getTracer(options.serviceName, options.serviceVersion),
    tracerProvider,
    flush: () => tracerProvider.forceFlush(),
    shutdown() {
      shutdown ??= (async () => {
        try {
          unloadInstrumentations();
          await tracerProvider.shutdown();
        } finally {
          unregisterGlobals();
        }
      })();
      return shutdown;
    },
  };
}

function spanProcessorsFor(options: TelemetryOptions): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  if (options.exporter !== undefined) processors.push(new SimpleSpanProcessor(options.exporter));
  if (options.otlpEndpoint !== undefined) {
    processors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(options.otlpEndpoint) })),
    );
  }
  processors.push(...(options.spanProcessors ?? []));
  return processors;
}

/** All three or none: a half-registered SDK would trace some things and silently drop others. */
function registerGlobals(tracerProvider: TracerProvider): void {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const refused: string[] = [];
  if (!context.setGlobalContextManager(contextManager)) refused.push('context manager');
  if (!propagation.setGlobalPropagator(new W3CTraceContextPropagator())) refused.push('propagator');
  if (!trace.setGlobalTracerProvider(tracerProvider)) refused.push('tracer provider');
  if (refused.length === 0) return;
  contextManager.disable();
  if (!refused.includes('context manager')) context.disable();
  if (!refused.includes('propagator')) propagation.disable();
  if (!refused.includes('tracer provider')) trace.disable();
  throw new TelemetryAlreadyStartedError(refused);
}

function unregisterGlobals(): void {
  trace.disable();
  propagation.disable();
  context.disable();
}
