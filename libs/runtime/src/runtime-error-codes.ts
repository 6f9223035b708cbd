// The runtime's stable error codes and their verdicts: the health server's (an unknown path is
// contracts' NOT_FOUND) and start-up's.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const RuntimeErrorCode = defineErrorCodes({
  /** Rendering /metrics failed; the next scrape may succeed. */
  metricsFailed: ['METRICS_FAILED', 'retryable'],
  /** The broker or the database could not be reached at start-up: the process exits 69; a restart may work. */
  dependencyUnavailable: ['DEPENDENCY_UNAVAILABLE', 'retryable'],
});

export type RuntimeErrorCode = ErrorCodeOf<typeof RuntimeErrorCode>;
