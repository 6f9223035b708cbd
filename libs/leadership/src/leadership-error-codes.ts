// The leadership library's stable error codes and their verdicts, in one place.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const LeadershipErrorCode = defineErrorCodes({
  /** Timings that leave no validity, or a bucket whose max_age or history differs. */
  leaseConfigInvalid: ['LEASE_CONFIG_INVALID', 'permanent'],
  /** NATS did not answer a lease request; the lease's validity decides, not the failure. */
  leaseUnavailable: ['LEASE_UNAVAILABLE', 'retryable'],
});

export type LeadershipErrorCode = ErrorCodeOf<typeof LeadershipErrorCode>;
