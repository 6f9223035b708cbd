// The health server's stable error code and its verdict (an unknown path is contracts' NOT_FOUND).
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const RuntimeErrorCode = defineErrorCodes({
  /** Rendering /metrics failed; the next scrape may succeed. */
  metricsFailed: ['METRICS_FAILED', 'retryable'],
});

export type RuntimeErrorCode = ErrorCodeOf<typeof RuntimeErrorCode>;
