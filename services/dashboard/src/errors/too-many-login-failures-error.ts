import { RetryableError } from '@conveyor/contracts';
import { DashboardErrorCode } from './dashboard-error-codes.ts';

/** Too many wrong admin keys from this address: a 429 page; trying again is allowed in `retryAfterSeconds`. */
export class TooManyLoginFailuresError extends RetryableError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      DashboardErrorCode.loginRateLimited,
      `Too many wrong keys from this address: try again in ${retryAfterSeconds} s.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
