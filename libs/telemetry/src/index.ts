// @conveyor/telemetry: the process's tracing (started by the preload, `@conveyor/telemetry/preload`)
// and an in-process start for tests, the pino logger with trace ids on every line, W3C trace-context
// helpers for message headers, and the span attribute names.
export {
  ConveyorAttribute,
  MessagingAttribute,
  MessagingOperationType,
  MessagingSystem,
} from './attributes.ts';
export { activeTraceFields, createLogger, type LoggerOptions } from './create-logger.ts';
export { otlpTracesUrl } from './otlp-traces-url.ts';
export { processTelemetry } from './process-telemetry.ts';
export { maskSecretsInText, maskUrlCredentials, REDACT_PATHS, REDACTED } from './redaction.ts';
export { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry.ts';
export { TelemetryAlreadyStartedError } from './telemetry-already-started-error.ts';
export { TelemetryErrorCode } from './telemetry-error-codes.ts';
export { extractTraceContext, injectTraceHeaders, type HeaderCarrier } from './trace-context.ts';
