import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envRetryTiers, loadConfig } from './index.ts';

const schema = z.object({ RETRY_TIERS: envRetryTiers.default([{ name: '1s', delayMs: 1_000 }]) });

describe('envRetryTiers', () => {
  it('reads each delay as a tier named by how it was written', () => {
    expect(loadConfig(schema, { RETRY_TIERS: '250ms, 1s,10s,1m,1h' }).RETRY_TIERS).toEqual([
      { name: '250ms', delayMs: 250 },
      { name: '1s', delayMs: 1_000 },
      { name: '10s', delayMs: 10_000 },
      { name: '1m', delayMs: 60_000 },
      { name: '1h', delayMs: 3_600_000 },
    ]);
  });

  it('keeps the default when the variable is unset', () => {
    expect(loadConfig(schema, {}).RETRY_TIERS).toEqual([{ name: '1s', delayMs: 1_000 }]);
  });

  it('stops start-up naming the variable and the token it cannot read', () => {
    expect(() => loadConfig(schema, { RETRY_TIERS: '1s,soon,0ms' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { RETRY_TIERS: '1s,soon,0ms' })).toThrow(
      /RETRY_TIERS: must be delays like 250ms,1s,1m separated by commas \(not soon, 0ms\)/,
    );
    expect(() => loadConfig(schema, { RETRY_TIERS: ',' })).toThrow(/RETRY_TIERS/);
  });
});
