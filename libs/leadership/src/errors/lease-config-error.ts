import { PermanentError } from '@conveyor/contracts';
import { LeadershipErrorCode } from '../leadership-error-codes.ts';

/**
 * The lease cannot be trusted as configured: timings that leave no validity, or an existing
 * bucket whose max_age or history differs from the lease's (its expiry would not match ours).
 */
export class LeaseConfigError extends PermanentError {
  constructor(message: string) {
    super(LeadershipErrorCode.leaseConfigInvalid, message);
  }
}
