import { describe, expect, it } from 'vitest';
import { RelaySightings } from './relay-sightings.ts';

describe('RelaySightings', () => {
  it('counts a record age from when this relay first saw it, not from any timestamp of its own', () => {
    const sightings = new RelaySightings();
    expect(sightings.ages(['a'], 1_000).get('a')).toBe(0);
    expect(sightings.ages(['a', 'b'], 4_000)).toEqual(
      new Map([
        ['a', 3_000],
        ['b', 0],
      ]),
    );
  });

  it('forgets a record once it is no longer pending, and starts again if it comes back', () => {
    const sightings = new RelaySightings();
    sightings.ages(['a'], 1_000);
    sightings.ages([], 2_000);
    expect(sightings.ages(['a'], 5_000).get('a')).toBe(0);
  });

  it('never reports a negative age when the clock goes back', () => {
    const sightings = new RelaySightings();
    sightings.ages(['a'], 5_000);
    expect(sightings.ages(['a'], 1_000).get('a')).toBe(0);
  });
});
