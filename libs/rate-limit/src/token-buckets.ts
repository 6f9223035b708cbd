// One token bucket per name (an API key id, a client address), in this process's memory: `burst`
// takes at once, refilled at `perSecond`. A take uses a token; with none left it learns how long until
// the next one. Each process keeps its own buckets, so N instances allow N times the rate.
export interface RateLimit {
  /** Tokens added per second (the sustained rate); may be fractional. */
  perSecond: number;
  /** Bucket size: how many requests may come at once after a quiet spell. */
  burst: number;
}

export interface TokenBuckets {
  /** 0 when a token was taken, else the whole seconds until one is available (at least 1). */
  take(name: string): number;
  /** Like take(), without taking: 0 when a token is available. */
  peek(name: string): number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** Buckets kept at most; past it the oldest go (a full bucket is no different from a missing one). */
const defaultMaxBuckets = 100_000;

export function createTokenBuckets(
  limit: RateLimit,
  now: () => number = Date.now,
  maxBuckets: number = defaultMaxBuckets,
): TokenBuckets {
  // Names may come from unauthenticated clients (addresses, presented key ids): the map is capped.
  const buckets = new Map<string, Bucket>();
  const refilled = (name: string): Bucket => {
    const at = now();
    const bucket = buckets.get(name) ?? { tokens: limit.burst, refilledAt: at };
    const elapsedSeconds = Math.max(0, at - bucket.refilledAt) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsedSeconds * limit.perSecond);
    bucket.refilledAt = at;
    return bucket;
  };
  const waitSeconds = (bucket: Bucket): number =>
    bucket.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  return {
    take(name) {
      const bucket = refilled(name);
      buckets.delete(name);
      buckets.set(name, bucket);
      if (buckets.size > maxBuckets) {
        const oldest = buckets.keys().next();
        if (oldest.done !== true) buckets.delete(oldest.value);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return waitSeconds(bucket);
    },
    peek(name) {
      const bucket = buckets.get(name);
      return bucket === undefined ? 0 : waitSeconds(refilled(name));
    },
  };
}
