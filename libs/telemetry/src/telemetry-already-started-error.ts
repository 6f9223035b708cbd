import { PermanentError } from '@conveyor/contracts';
import { TelemetryErrorCode } from './telemetry-error-codes.ts';

/** A process has one telemetry: its context manager, propagator and tracer provider are global. */
export class TelemetryAlreadyStartedError extends PermanentError {
  constructor(what: readonly string[]) {
    super(
      TelemetryErrorCode.telemetryAlreadyStarted,
      `OpenTelemetry globals already registered (${what.join(', ')}): shut the running telemetry down first`,
    );
  }
}
