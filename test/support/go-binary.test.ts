import { describe, expect, it } from 'vitest';
import { goBuildKey } from './go-binary.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('goBuildKey', () => {
  const sources = { 'go.sum': bytes('sum v1'), 'main.go': bytes('package main') };

  it('is a sha256 hex digest that does not depend on the order sources are listed in', () => {
    const key = goBuildKey(sources);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(goBuildKey({ 'main.go': bytes('package main'), 'go.sum': bytes('sum v1') })).toBe(key);
  });

  it('changes when go.sum or main.go changes', () => {
    const key = goBuildKey(sources);
    expect(goBuildKey({ ...sources, 'go.sum': bytes('sum v2') })).not.toBe(key);
    expect(goBuildKey({ ...sources, 'main.go': bytes('package main // edited') })).not.toBe(key);
  });

  it('does not confuse content moved from one file to the next', () => {
    const a = goBuildKey({ 'go.sum': bytes('ab'), 'main.go': bytes('c') });
    const b = goBuildKey({ 'go.sum': bytes('a'), 'main.go': bytes('bc') });
    expect(a).not.toBe(b);
  });
});
