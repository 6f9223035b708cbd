// W3C trace context in NATS headers: there is no NATS instrumentation, so it is carried by hand
// through the telemetry lib's helpers, which work on plain records.
import type { Context } from '@opentelemetry/api';
import { extractTraceContext, injectTraceHeaders } from '@conveyor/telemetry';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** NATS headers carrying the trace context of the span active in `ctx`. */
export function traceHeaders(ctx: Context): MsgHdrs {
  const carrier: Record<string, unknown> = {};
  injectTraceHeaders(ctx, carrier);
  const result = natsHeaders();
  for (const [key, value] of Object.entries(carrier)) if (typeof value === 'string') result.set(key, value);
  return result;
}

/** The producer's context from a received message's headers; the root context when it has none. */
export function contextFromHeaders(headers: MsgHdrs | undefined): Context {
  return extractTraceContext(headers === undefined ? undefined : Object.fromEntries(headers));
}
