// Producer and consumer spans for AMQP messages. There is no maintained instrumentation for
// amqplib 2.x, so context crosses the broker in the W3C headers by hand, through the telemetry lib.
import {
  context,
  isSpanContextValid,
  SpanKind,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { extractTraceContext, injectTraceHeaders, MessagingAttribute } from '@conveyor/telemetry';

export function startProducerSpan(
  tracer: Tracer,
  exchange: string,
  routingKey: string,
  messageId: string,
  headers: Record<string, unknown>,
): Span {
  const destination = exchange || '(default)';
  const span = tracer.startSpan(`publish ${destination}`, { kind: SpanKind.PRODUCER });
  // Attributes cost an object per message; a span nobody records (no exporter, sampled out) gets none.
  if (span.isRecording()) {
    span.setAttributes({
      [MessagingAttribute.system]: 'rabbitmq',
      [MessagingAttribute.operation]: 'publish',
      [MessagingAttribute.destination]: destination,
      [MessagingAttribute.routingKey]: routingKey,
      [MessagingAttribute.messageId]: messageId,
    });
  }
  // Injected whether recorded or not: a sampled-out trace still travels on as one trace. A span with
  // no valid context (no SDK, no trace to continue) has nothing to carry.
  if (isSpanContextValid(span.spanContext())) {
    injectTraceHeaders(trace.setSpan(context.active(), span), headers);
  }
  return span;
}

/**
 * The consumer span is a child of the producer's context (one trace end to end) and links to it.
 * `attributes` is called only when the span is recorded.
 */
export function startConsumerSpan(
  tracer: Tracer,
  queue: string,
  headers: Record<string, unknown>,
  attributes: () => Record<string, string | number | undefined>,
): { span: Span; context: Context } {
  const parent = extractTraceContext(headers);
  const producer = trace.getSpanContext(parent);
  const span = tracer.startSpan(
    `process ${queue}`,
    { kind: SpanKind.CONSUMER, links: producer === undefined ? undefined : [{ context: producer }] },
    parent,
  );
  if (!span.isRecording()) {
    // Nothing recorded and no trace to continue (no SDK, no traceparent): the handler runs in the
    // parent context as it is, without a context object per delivery.
    if (!isSpanContextValid(span.spanContext())) return { span, context: parent };
    return { span, context: trace.setSpan(parent, span) };
  }
  span.setAttributes({
    [MessagingAttribute.system]: 'rabbitmq',
    [MessagingAttribute.operation]: 'process',
    [MessagingAttribute.destination]: queue,
    ...definedOnly(attributes()),
  });
  return { span, context: trace.setSpan(parent, span) };
}

function definedOnly(
  attributes: Record<string, string | number | undefined>,
): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) result[key] = value;
  return result;
}
