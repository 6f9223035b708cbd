import { PermanentError } from '@conveyor/contracts';

/** A process has one telemetry: its context manager, propagator and tracer provider are global. */
export class TelemetryAlreadyStartedError extends PermanentError {
  constructor(what: readonly string[]) {
    super(
      'TELEMETRY_ALREADY_STARTED',
      `OpenTelemetry globals already registered (${what.join(', ')}): shut the running telemetry down first`,
    );
  }
}
