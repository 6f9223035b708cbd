// What every scenario shares: a quiet logger on stderr (stdout carries the results) and a tracer.
// No tracer provider is registered, so spans are no-ops, as in a service without an OTLP endpoint.
import { trace, type Tracer } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export const benchLogger: Logger = pino({ level: 'warn', base: { bench: true } }, pino.destination(2));
export const benchTracer: Tracer = trace.getTracer('conveyor-bench');
