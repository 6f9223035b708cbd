import { PermanentError } from '@conveyor/contracts';

/**
 * The lease cannot be trusted as configured: timings that leave no validity, or an existing
 * bucket whose max_age or history differs from the lease's (its expiry would not match ours).
 */
export class LeaseConfigError extends PermanentError {
  constructor(message: string) {
    super('LEASE_CONFIG_INVALID', message);
  }
}
