import { RetryableError } from '@conveyor/contracts';

/** Too many wrong admin keys from this address: a 429 page; trying again is allowed in `retryAfterSeconds`. */
export class TooManyLoginFailuresError extends RetryableError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      'LOGIN_RATE_LIMITED',
      `Too many wrong keys from this address: try again in ${retryAfterSeconds} s.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
