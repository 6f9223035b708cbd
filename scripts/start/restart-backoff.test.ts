import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff.ts';

describe('RestartBackoff', () => {
  it('waits 0.5 s, then twice as long after each quick crash, up to 30 s', () => {
    const backoff = new RestartBackoff();
    const delays = Array.from({ length: 9 }, () => backoff.delayAfter(1_000));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts again from 0.5 s once a run stayed up for the stable period', () => {
    const backoff = new RestartBackoff({ initialMs: 500, maxMs: 30_000, stableAfterMs: 60_000 });
    backoff.delayAfter(100);
    backoff.delayAfter(100);
    expect(backoff.delayAfter(59_999)).toBe(2_000);
    expect(backoff.delayAfter(60_000)).toBe(500);
    expect(backoff.delayAfter(100)).toBe(1_000);
  });
});
