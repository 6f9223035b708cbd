import { RetryableError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/** Too many wrong API keys from this address or for this key id; trying again is allowed in `retryAfterSeconds`. */
export class TooManyFailedAuthenticationsError extends RetryableError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      GatewayErrorCode.authenticationRateLimited,
      `too many failed API key authentications: retry after ${retryAfterSeconds} s`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
