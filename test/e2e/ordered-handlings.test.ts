import { describe, expect, it } from 'vitest';
import { maxConcurrent, orderViolations, type Handling } from './ordered-handlings.ts';

const at = (ms: number) => new Date(1_000_000 + ms);
const handling = (key: string, seq: number, start: number, end: number | null): Handling => ({
  key,
  seq,
  pid: 1,
  start: at(start),
  end: end === null ? null : at(end),
});

describe('the ordered-jobs checker', () => {
  it('finds nothing wrong with one key in order, a job run again, and a killed handling', () => {
    const handled = [
      handling('a', 0, 0, 10),
      handling('a', 1, 11, 20),
      handling('a', 1, 25, 30),
      handling('a', 2, 31, null),
      handling('a', 2, 40, 50),
    ];
    expect(orderViolations(handled)).toEqual([]);
    expect(maxConcurrent(handled)).toBe(1);
  });

  it('reports a job that ran before an earlier one of its key', () => {
    expect(
      orderViolations([handling('a', 0, 0, 10), handling('a', 2, 11, 20), handling('a', 1, 21, 30)]),
    ).toEqual(['a: seq 1 after 2']);
  });

  it('reports two jobs of one key at the same time, and counts them as concurrent', () => {
    const overlapping = [handling('a', 0, 0, 10), handling('a', 1, 5, 15)];
    expect(orderViolations(overlapping)).toEqual(['a: seq 1 started before seq 0 ended']);
    expect(maxConcurrent(overlapping)).toBe(2);
  });

  it('lets different keys overlap', () => {
    const parallel = [handling('a', 0, 0, 10), handling('b', 0, 5, 15)];
    expect(orderViolations(parallel)).toEqual([]);
    expect(maxConcurrent(parallel)).toBe(2);
  });
});
