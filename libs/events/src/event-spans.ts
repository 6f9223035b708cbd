// Producer and consumer spans for NATS events, named and attributed per the messaging conventions.
import { context, SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { MessagingAttribute, MessagingOperationType, MessagingSystem } from '@conveyor/telemetry';

export function startPublishSpan(tracer: Tracer, subject: string): { span: Span; context: Context } {
  const span = tracer.startSpan(`publish ${subject}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [MessagingAttribute.system]: MessagingSystem.nats,
      [MessagingAttribute.operation]: 'publish',
      [MessagingAttribute.operationType]: MessagingOperationType.send,
      [MessagingAttribute.destination]: subject,
    },
  });
  return { span, context: trace.setSpan(context.active(), span) };
}

/**
 * A child of the producer's span (one trace end to end) that also links to it. Named after the
 * subscription's subject, which stays low-cardinality when the message subject carries ids.
 */
export function startProcessSpan(
  tracer: Tracer,
  subscribedTo: string,
  subject: string,
  producer: Context,
  bodySize: number,
): { span: Span; context: Context } {
  const producerSpan = trace.getSpanContext(producer);
  const span = tracer.startSpan(
    `process ${subscribedTo}`,
    {
      kind: SpanKind.CONSUMER,
      links: producerSpan === undefined ? [] : [{ context: producerSpan }],
      attributes: {
        [MessagingAttribute.system]: MessagingSystem.nats,
        [MessagingAttribute.operation]: 'process',
        [MessagingAttribute.operationType]: MessagingOperationType.process,
        [MessagingAttribute.destination]: subject,
        [MessagingAttribute.destinationTemplate]: subscribedTo,
        [MessagingAttribute.bodySize]: bodySize,
      },
    },
    producer,
  );
  return { span, context: trace.setSpan(producer, span) };
}
