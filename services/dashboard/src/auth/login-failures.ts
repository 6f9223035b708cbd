// Slows down guessing the admin key: every wrong key (typed into the login form or sent as a Bearer
// key) takes a token from its client address's bucket. While that bucket is empty, the address's keys
// are refused with a 429 before they are compared, the right key too: a lucky guess learns nothing.
// A right key costs nothing. Buckets live in this process (@conveyor/rate-limit).
import { createTokenBuckets, type RateLimit } from '@conveyor/rate-limit';
import { TooManyLoginFailuresError } from '../errors/too-many-login-failures-error.ts';

export interface LoginFailures {
  /** Throws TooManyLoginFailuresError while `clientIp` may not try a key. */
  check(clientIp: string): void;
  /** Counts one wrong key against `clientIp`. */
  record(clientIp: string): void;
}

export function createLoginFailures(limit: RateLimit, now: () => number = Date.now): LoginFailures {
  const byAddress = createTokenBuckets(limit, now);
  return {
    check(clientIp) {
      const waitSeconds = byAddress.peek(clientIp);
      if (waitSeconds > 0) throw new TooManyLoginFailuresError(waitSeconds);
    },
    record(clientIp) {
      byAddress.take(clientIp);
    },
  };
}
