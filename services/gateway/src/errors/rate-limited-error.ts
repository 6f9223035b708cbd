import { RetryableError } from '@conveyor/contracts';

/** The API key used up its request budget (a token bucket); a token is back in `retryAfterSeconds`. */
export class RateLimitedError extends RetryableError {
  readonly retryAfterSeconds: number;

  constructor(keyId: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', `too many requests with API key ${keyId}: retry after ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
