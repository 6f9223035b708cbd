// Producer and consumer spans for AMQP messages. There is no maintained instrumentation for
// amqplib 2.x, so context crosses the broker in the W3C headers by hand, through the telemetry lib.
import { context, SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { extractTraceContext, injectTraceHeaders, MessagingAttribute } from '@conveyor/telemetry';

export function startProducerSpan(
  tracer: Tracer,
  exchange: string,
  routingKey: string,
  messageId: string,
  headers: Record<string, unknown>,
): Span {
  const span = tracer.startSpan(`publish ${exchange || '(default)'}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [MessagingAttribute.system]: 'rabbitmq',
      [MessagingAttribute.operation]: 'publish',
      [MessagingAttribute.destination]: exchange || '(default)',
      [MessagingAttribute.routingKey]: routingKey,
      [MessagingAttribute.messageId]: messageId,
    },
  });
  injectTraceHeaders(trace.setSpan(context.active(), span), headers);
  return span;
}

/** The consumer span is a child of the producer's context (one trace end to end) and links to it. */
export function startConsumerSpan(
  tracer: Tracer,
  queue: string,
  headers: Record<string, unknown>,
  attributes: Record<string, string | number | undefined>,
): { span: Span; context: Context } {
  const parent = extractTraceContext(headers);
  const producer = trace.getSpanContext(parent);
  const span = tracer.startSpan(
    `process ${queue}`,
    {
      kind: SpanKind.CONSUMER,
      links: producer === undefined ? [] : [{ context: producer }],
      attributes: {
        [MessagingAttribute.system]: 'rabbitmq',
        [MessagingAttribute.operation]: 'process',
        [MessagingAttribute.destination]: queue,
        ...definedOnly(attributes),
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

function definedOnly(
  attributes: Record<string, string | number | undefined>,
): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) result[key] = value;
  return result;
}
