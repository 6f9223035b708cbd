import { describe, expect, it } from 'vitest';
import { ConfigError } from '@conveyor/config';
import { readConfig } from './config.ts';

function issuesOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('gateway config', () => {
  it('has no development key, no HSTS and a rate limit by default', () => {
    const config = readConfig({});

    expect(config.GATEWAY_DEV_API_KEY).toBeUndefined();
    expect(config.GATEWAY_DEV_TENANT).toBe('default');
    expect(config.HSTS_MAX_AGE_SECONDS).toBe(0);
    expect(config.RATE_LIMIT_PER_SECOND).toBe(50);
    expect(config.RATE_LIMIT_BURST).toBe(100);
  });

  it('names GATEWAY_DEV_API_KEY when it is not a key, without repeating its value', () => {
    const issues = issuesOf({ GATEWAY_DEV_API_KEY: 'letmein-secret' });

    expect(issues.map((issue) => issue.variable)).toEqual(['GATEWAY_DEV_API_KEY']);
    expect(JSON.stringify(issues)).not.toContain('letmein-secret');
  });

  it('accepts a fractional rate and names a zero one', () => {
    expect(readConfig({ RATE_LIMIT_PER_SECOND: '0.5' }).RATE_LIMIT_PER_SECOND).toBe(0.5);
    expect(
      issuesOf({ RATE_LIMIT_PER_SECOND: '0', RATE_LIMIT_BURST: '-1' }).map((issue) => issue.variable),
    ).toEqual(['RATE_LIMIT_PER_SECOND', 'RATE_LIMIT_BURST']);
  });
});
