import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, commonEnv, envPort, loadConfig } from './index.ts';

const schema = z.object({ ...commonEnv, PORT: envPort.default(8080) });

describe('loadConfig', () => {
  it('applies local-development defaults when variables are unset', () => {
    const config = loadConfig(schema, {});
    expect(config.PORT).toBe(8080);
    expect(config.AMQP_URL).toBe('amqp://guest:guest@127.0.0.1:5672');
  });

  it('coerces numbers from strings', () => {
    expect(loadConfig(schema, { PORT: '9090' }).PORT).toBe(9090);
  });

  it('stops with an error naming every wrong variable', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', AMQP_URL: 'http://wrong' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['AMQP_URL', 'PORT']);
    expect(error.message).toContain('PORT: must be a port number');
  });

  it('takes an exchange prefix of dot-separated words, and names EXCHANGE_PREFIX when it is not one', () => {
    expect(loadConfig(schema, {}).EXCHANGE_PREFIX).toBe('conveyor');
    expect(loadConfig(schema, { EXCHANGE_PREFIX: 'acme.staging' }).EXCHANGE_PREFIX).toBe('acme.staging');
    expect(() => loadConfig(schema, { EXCHANGE_PREFIX: 'acme events' })).toThrow(/EXCHANGE_PREFIX: must be/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { PORT: '' }).PORT).toBe(8080);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(schema, {}))).toBe(true);
  });
});
