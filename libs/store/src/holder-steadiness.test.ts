import { describe, expect, it } from 'vitest';
import { HolderSteadiness } from './holder-steadiness.ts';

describe('holder steadiness', () => {
  it('judges others from its first renewal when nothing ever failed', () => {
    const steadiness = new HolderSteadiness(2_000, 7_000);
    expect(steadiness.mayJudgeOthers(1_000)).toBe(false);
    steadiness.renewed(10_000);
    expect(steadiness.mayJudgeOthers(10_500)).toBe(true);
  });

  it('waits a whole ttl of gapless renewals after its own renewals failed', () => {
    const steadiness = new HolderSteadiness(2_000, 7_000);
    steadiness.renewed(10_000);
    steadiness.failed(12_000);
    steadiness.renewed(20_000);
    expect(steadiness.mayJudgeOthers(20_100)).toBe(false);
    for (let at = 22_000; at <= 28_000; at += 2_000) steadiness.renewed(at);
    expect(steadiness.mayJudgeOthers(27_100)).toBe(true);
  });

  it('counts a gap between renewals (a hung write) like a failure, and stops judging while renewals lag', () => {
    const steadiness = new HolderSteadiness(2_000, 7_000);
    steadiness.renewed(10_000);
    expect(steadiness.mayJudgeOthers(15_000)).toBe(false);
    steadiness.renewed(16_000);
    expect(steadiness.mayJudgeOthers(16_100)).toBe(false);
    for (let at = 18_000; at <= 24_000; at += 2_000) steadiness.renewed(at);
    expect(steadiness.mayJudgeOthers(24_000)).toBe(true);
  });
});
