// Runs a call to a peer (SMTP server, webhook endpoint) in a CLIENT span, a child of whatever span
// is active: in a handler, the consumer span of the delivery.
import { SpanKind, SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { errorCode, errorMessage } from '@conveyor/contracts';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';

export function inClientSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  call: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await call(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : errorMessage(error));
      span.setAttribute(ATTR_ERROR_TYPE, errorCode(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
