import { describe, expect, it } from 'vitest';
import { createTokenBuckets } from './token-buckets.ts';

describe('token buckets', () => {
  it('allows a burst, then refuses until the rate refills a token', () => {
    let now = 0;
    const buckets = createTokenBuckets({ perSecond: 2, burst: 3 }, () => now);

    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')]).toEqual([0, 0, 0]);
    expect(buckets.take('k')).toBe(1);
    now += 499;
    expect(buckets.take('k')).toBe(1);
    now += 1;
    expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBe(1);
  });

  it('keeps one bucket per key', () => {
    const buckets = createTokenBuckets({ perSecond: 1, burst: 1 }, () => 0);

    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
  });

  it('says how many whole seconds to wait at a slow rate, and never refills above the burst', () => {
    let now = 0;
    const buckets = createTokenBuckets({ perSecond: 0.1, burst: 2 }, () => now);

    expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBe(0);
    expect(buckets.take('k')).toBe(10);
    now += 3_600_000;
    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')]).toEqual([0, 0, 10]);
  });
});
