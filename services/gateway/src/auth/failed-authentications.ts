// Slows down key guessing: every presented key that fails (malformed, unknown, wrong secret, revoked)
// takes a token from the client address's bucket and from the presented key id's bucket. While either
// is empty, requests from that address or for that key id are answered 429 before any key is looked up.
// A request that presents no key at all is not a guess and costs nothing.
import { parseApiKey } from '@conveyor/api-keys';
import { createTokenBuckets, type RateLimit } from '@conveyor/rate-limit';

export interface FailedAuthentications {
  /** 0 when this client may try a key, else the whole seconds to wait. */
  waitSeconds(clientIp: string, presentedKey: string): number;
  /** Counts one failed attempt against the address and the presented key's id. */
  record(clientIp: string, presentedKey: string): void;
}

export function createFailedAuthentications(
  limit: RateLimit,
  now: () => number = Date.now,
): FailedAuthentications {
  const byAddress = createTokenBuckets(limit, now);
  const byKeyId = createTokenBuckets(limit, now);
  const keyIdOf = (presentedKey: string): string | undefined => parseApiKey(presentedKey)?.id;
  return {
    waitSeconds(clientIp, presentedKey) {
      const keyId = keyIdOf(presentedKey);
      return Math.max(byAddress.peek(clientIp), keyId === undefined ? 0 : byKeyId.peek(keyId));
    },
    record(clientIp, presentedKey) {
      byAddress.take(clientIp);
      const keyId = keyIdOf(presentedKey);
      if (keyId !== undefined) byKeyId.take(keyId);
    },
  };
}
