import { RetryableError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/** The API key used up its request budget (a token bucket); a token is back in `retryAfterSeconds`. */
export class RateLimitedError extends RetryableError {
  readonly retryAfterSeconds: number;

  constructor(keyId: string, retryAfterSeconds: number) {
    super(
      GatewayErrorCode.rateLimited,
      `too many requests with API key ${keyId}: retry after ${retryAfterSeconds} s`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
