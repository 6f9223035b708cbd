// The pino logger every service uses: JSON lines stamped with the active span's trace_id and span_id,
// the service name in every line, secrets redacted (see redaction.ts): by key while the line is built,
// then by shape (API keys, bearer tokens) in the finished line, where messages and error stacks are too.
import { hostname } from 'node:os';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type LevelWithSilentOrString, type Logger } from 'pino';
import { censor, maskSecretsInText, REDACT_PATHS } from './redaction.ts';

export interface LoggerOptions {
  /** The service (or tool) name, written as `service` in every line. */
  readonly name: string;
  readonly level: LevelWithSilentOrString;
  /** Where lines go; standard output when absent. Tests pass a stream that captures lines. */
  readonly destination?: DestinationStream;
  /** Paths redacted on top of REDACT_PATHS, in pino's redact syntax. */
  readonly redactPaths?: readonly string[];
}

/** The trace fields of the span active where a line is logged; none outside a span. */
export function activeTraceFields(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: spanContext.traceFlags.toString(16).padStart(2, '0'),
  };
}

export function createLogger({ name, level, destination, redactPaths = [] }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service: name, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: activeTraceFields,
    redact: { paths: [...REDACT_PATHS, ...redactPaths], censor },
  };
  return pino(options, maskingDestination(destination ?? standardOutput()));
}

/** What pino writes to by default: standard output, asynchronously, flushed on exit. */
function standardOutput(): DestinationStream {
  return pino.destination({ sync: false });
}

/** Each finished line passes through maskSecretsInText on its way to `destination`. */
function maskingDestination(destination: DestinationStream): DestinationStream {
  const flushable = destination as DestinationStream & { flush?: (callback?: () => void) => void };
  return {
    write: (line: string) => destination.write(maskSecretsInText(line)),
    // pino's logger.flush() calls the stream's flush when it has one.
    ...(typeof flushable.flush === 'function'
      ? { flush: (callback?: () => void) => flushable.flush?.(callback) }
      : {}),
  };
}
