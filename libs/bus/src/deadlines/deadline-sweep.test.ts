import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineSweep } from './deadline-sweep.ts';

describe('deadline sweep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires an entry once its timeout has passed, never before, and at most a twentieth late', () => {
    const sweep = new DeadlineSweep(1_000);
    const expired: string[] = [];
    vi.advanceTimersByTime(20);
    sweep.start(() => expired.push('first'));
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1 + 50);
    expect(expired).toEqual(['first']);
  });

  it('expires the oldest entries first and leaves the younger ones running', () => {
    const sweep = new DeadlineSweep(100);
    const expired: number[] = [];
    sweep.start(() => expired.push(1));
    vi.advanceTimersByTime(60);
    sweep.start(() => expired.push(2));
    vi.advanceTimersByTime(60);
    expect(expired).toEqual([1]);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual([1, 2]);
  });

  it('never calls a cancelled entry back, and holds no timer while nothing runs', () => {
    const sweep = new DeadlineSweep(100);
    let calls = 0;
    const entry = sweep.start(() => (calls += 1));
    expect(vi.getTimerCount()).toBe(1);
    sweep.cancel(entry);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(calls).toBe(0);
  });

  it('calls an expired entry back once', () => {
    const sweep = new DeadlineSweep(100);
    let calls = 0;
    sweep.start(() => (calls += 1));
    vi.advanceTimersByTime(10_000);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
