// One token bucket per API key, in this process's memory: `burst` requests at once, refilled at
// `perSecond`. A request takes a token; with none left it learns how long until the next one. Each
// gateway instance keeps its own buckets, so N instances allow N times the rate in total.
export interface RateLimit {
  /** Tokens added per second (the sustained rate); may be fractional. */
  perSecond: number;
  /** Bucket size: how many requests may come at once after a quiet spell. */
  burst: number;
}

export interface TokenBuckets {
  /** 0 when a token was taken, else the whole seconds until one is available (at least 1). */
  take(keyId: string): number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export function createTokenBuckets(limit: RateLimit, now: () => number = Date.now): TokenBuckets {
  // Only authenticated keys get a bucket, so the map is bounded by the number of keys.
  const buckets = new Map<string, Bucket>();
  return {
    take(keyId) {
      const at = now();
      const bucket = buckets.get(keyId) ?? { tokens: limit.burst, refilledAt: at };
      const elapsedSeconds = Math.max(0, at - bucket.refilledAt) / 1000;
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.perSecond);
      bucket.refilledAt = at;
      buckets.set(keyId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    },
  };
}
