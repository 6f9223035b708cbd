import { RetryableError } from '@conveyor/contracts';
import { LeadershipErrorCode } from '../leadership-error-codes.ts';

/** NATS did not answer a lease request (open the bucket, acquire, renew, release, read). */
export class LeaseUnavailableError extends RetryableError {
  constructor(message: string, options?: ErrorOptions) {
    super(LeadershipErrorCode.leaseUnavailable, message, options);
  }
}
