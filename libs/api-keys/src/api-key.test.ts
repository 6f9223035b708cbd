import { describe, expect, it } from 'vitest';
import { apiKeyPattern, generateApiKey, hashApiKey, parseApiKey } from './api-key.ts';

describe('API key format', () => {
  it('generates cvk_<id>_<secret> keys whose id parses back and whose secrets differ', () => {
    const first = generateApiKey();
    const second = generateApiKey();

    expect(first.key).toMatch(apiKeyPattern);
    expect(parseApiKey(first.key)).toEqual({ id: first.id });
    expect(first.id).toMatch(/^[0-9a-f]{12}$/);
    expect(first.key.slice(first.id.length + 5)).toHaveLength(43);
    expect(second.key).not.toBe(first.key);
  });

  it('reads the id up to the first underscore, even when the secret contains underscores', () => {
    expect(parseApiKey('cvk_localdev_local_development-only_not-a-secret-0001')).toEqual({ id: 'localdev' });
  });

  it('refuses what is not a key: other prefixes, short secrets, upper-case ids, extra text', () => {
    const secret = 'A'.repeat(43);
    for (const text of [
      `Bearer cvk_abcdef012345_${secret}`,
      `cvk_abcdef012345_${'A'.repeat(31)}`,
      `cvk_ABCDEF012345_${secret}`,
      `cvk_abcdef012345_${secret} `,
      `cvx_abcdef012345_${secret}`,
      '',
    ]) {
      expect(parseApiKey(text), text).toBeUndefined();
    }
  });

  it('hashes with SHA-256, so the stored value never contains the key', () => {
    const { key } = generateApiKey();
    const hash = hashApiKey(key);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(-20));
  });
});
