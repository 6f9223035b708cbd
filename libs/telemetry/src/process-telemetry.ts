// The Telemetry a service runtime passes down, taken from the SDK the preload started (process-sdk.ts).
// Tests and tools that want spans in their own process without the preload use startTelemetry instead.
import { trace, type TracerProvider } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { processSdk } from './process-sdk.ts';
import type { Telemetry } from './start-telemetry.ts';

/**
 * A tracer from the global provider, its flush, and the SDK's shutdown (idempotent). A process started
 * without the preload gets a tracer that records nothing, and a warning that says how to start it.
 */
export function processTelemetry(serviceName: string, logger: Logger): Telemetry {
  const sdk = processSdk();
  if (sdk === undefined)
    logger.warn(
      'started without the telemetry preload: no spans are recorded or exported (start node with --import @conveyor/telemetry/preload)',
    );
  let shutdown: Promise<void> | undefined;
  return {
    tracer: trace.getTracer(serviceName),
    tracerProvider: trace.getTracerProvider(),
    flush: () => flushTracerProvider(trace.getTracerProvider()),
    shutdown() {
      shutdown ??= sdk === undefined ? Promise.resolve() : sdk.shutdown();
      return shutdown;
    },
  };
}

/** The global provider is a proxy; the SDK's provider behind it can flush (a no-op one cannot). */
function flushTracerProvider(provider: TracerProvider): Promise<void> {
  const delegate = hasDelegate(provider) ? provider.getDelegate() : provider;
  return hasForceFlush(delegate) ? delegate.forceFlush() : Promise.resolve();
}

function hasDelegate(
  provider: TracerProvider,
): provider is TracerProvider & { getDelegate(): TracerProvider } {
  return 'getDelegate' in provider && typeof provider.getDelegate === 'function';
}

function hasForceFlush(
  provider: TracerProvider,
): provider is TracerProvider & { forceFlush(): Promise<void> } {
  return 'forceFlush' in provider && typeof provider.forceFlush === 'function';
}
