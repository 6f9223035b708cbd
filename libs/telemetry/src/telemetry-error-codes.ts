// The telemetry library's stable error code and its verdict.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const TelemetryErrorCode = defineErrorCodes({
  /** OpenTelemetry's globals are already registered in this process. */
  telemetryAlreadyStarted: ['TELEMETRY_ALREADY_STARTED', 'permanent'],
});

export type TelemetryErrorCode = ErrorCodeOf<typeof TelemetryErrorCode>;
