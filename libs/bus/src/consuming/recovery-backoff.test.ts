import { describe, expect, it } from 'vitest';
import { recoveryDelayMs } from './recovery-backoff.ts';

describe('recoveryDelayMs', () => {
  it('doubles from 100 ms, caps at 5 s, and jitters by at most 20 %', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 7, 30].map((attempt) => recoveryDelayMs(attempt, middle))).toEqual([
      100, 200, 400, 800, 5_000, 5_000,
    ]);
    expect(recoveryDelayMs(1, () => 0)).toBe(80);
    expect(recoveryDelayMs(30, () => 1)).toBe(6_000);
  });
});
