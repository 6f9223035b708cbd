import { describe, expect, it } from 'vitest';
import { crashIfAsked, faultInjectionHeader } from './injected-crash.ts';

describe('injected crash (fault tests only)', () => {
  const asking = { [faultInjectionHeader]: 'crash-after-order-write' };

  function crashes(enabled: boolean, headers: Record<string, string>): boolean {
    let crashed = false;
    crashIfAsked(enabled, headers, 'crash-after-order-write', () => {
      crashed = true;
    });
    return crashed;
  }

  it('ignores the header unless fault injection is on', () => {
    expect(crashes(false, asking)).toBe(false);
  });

  it('crashes at the point the request names, and only there', () => {
    expect(crashes(true, asking)).toBe(true);
    expect(crashes(true, { [faultInjectionHeader]: 'somewhere-else' })).toBe(false);
    expect(crashes(true, {})).toBe(false);
  });
});
