// The HTTP request span: a SERVER span that is the ROOT of its trace. A caller's `traceparent` is
// caller-controlled, so it is not adopted as parent; it is kept as a link instead. Its `baggage` is
// never read at all.
// Route handlers run inside the span, so every publish they make is its child. (A small hook rather
// than @fastify/otel, which adopts the caller's incoming trace context: the gateway's span is a root.)
import { IncomingMessage } from 'node:http';
import {
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { extractTraceContext } from '@conveyor/telemetry';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';

const spans = new WeakMap<IncomingMessage, Span>();

/** The request's trace id, or null when tracing is off (a no-op tracer makes no ids). */
export function traceIdOf(request: FastifyRequest): string | null {
  const spanContext = spans.get(request.raw)?.spanContext();
  return spanContext !== undefined && isSpanContextValid(spanContext) ? spanContext.traceId : null;
}

export function installServerSpans(app: FastifyInstance, tracer: Tracer): void {
  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        root: true,
        links: callerLinks(request),
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0] ?? request.url,
        },
      },
      ROOT_CONTEXT,
    );
    spans.set(request.raw, span);
    const traceId = traceIdOf(request);
    if (traceId !== null) void reply.header('x-trace-id', traceId);
    // 'close' also fires for hijacked replies (SSE) and aborted requests, which skip onResponse.
    reply.raw.once('close', () => {
      endSpan(span, reply.raw.statusCode, reply.raw.writableFinished);
    });
    done();
  });

  app.addHook('onError', (request, _reply, error, done) => {
    const span = spans.get(request.raw);
    span?.recordException(error);
    done();
  });

  // Wrapping each handler puts the span in the active context for everything the handler awaits.
  app.addHook('onRoute', (route) => {
    const handler: RouteHandlerMethod = route.handler;
    route.handler = function inServerSpan(this: FastifyInstance, request, reply) {
      const span = spans.get(request.raw);
      if (span === undefined) return handler.call(this, request, reply);
      return context.with(trace.setSpan(ROOT_CONTEXT, span), () => handler.call(this, request, reply));
    };
  });
}

function endSpan(span: Span, statusCode: number, finished: boolean): void {
  span.setAttribute('http.response.status_code', statusCode);
  if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  if (!finished) span.setAttribute('http.request.aborted', true);
  span.end();
}

/**
 * Only the W3C trace-context headers are read from the caller, never `baggage`: whatever propagators a
 * deployment registers globally, caller-controlled baggage cannot reach the request's context.
 */
function callerLinks(request: FastifyRequest): Link[] {
  const { traceparent, tracestate } = request.headers;
  const caller = trace.getSpanContext(extractTraceContext({ traceparent, tracestate }));
  return caller !== undefined && isSpanContextValid(caller) ? [{ context: caller }] : [];
}
