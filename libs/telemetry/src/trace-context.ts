// W3C trace context in message headers (AMQP headers, NATS headers), for the transports that have
// no maintained instrumentation. The wire format is fixed, so these helpers use their own W3C
// propagator instead of the global one: they work the same whether or not telemetry was started.
import { ROOT_CONTEXT, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** Headers as transports hand them over: AMQP values may be Buffers, NATS values string arrays. */
export type HeaderCarrier = Readonly<Record<string, unknown>>;

const propagator = new W3CTraceContextPropagator();

const setter: TextMapSetter<Record<string, unknown>> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

const getter: TextMapGetter<HeaderCarrier> = {
  keys(carrier) {
    return Object.keys(carrier);
  },
  get(carrier, key) {
    return headerText(carrier[key] ?? carrier[findKeyIgnoringCase(carrier, key) ?? key]);
  },
};

/** Writes `traceparent` (and `tracestate` when present) for the span active in `ctx` into `carrier`. */
export function injectTraceHeaders(ctx: Context, carrier: Record<string, unknown>): void {
  propagator.inject(ctx, carrier, setter);
}

/**
 * The context carried by `headers`, on top of `base` (the root context by default: a delivery
 * starts its own trace unless its headers say otherwise). Missing or malformed headers yield `base`.
 */
export function extractTraceContext(
  headers: HeaderCarrier | undefined,
  base: Context = ROOT_CONTEXT,
): Context {
  if (headers === undefined) return base;
  return propagator.extract(base, headers, getter);
}

function findKeyIgnoringCase(carrier: HeaderCarrier, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return Object.keys(carrier).find((candidate) => candidate.toLowerCase() === wanted);
}

function headerText(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (Array.isArray(value)) {
    const texts = value.map(headerText).filter((text): text is string => typeof text === 'string');
    return texts.length > 0 ? texts : undefined;
  }
  return undefined;
}
