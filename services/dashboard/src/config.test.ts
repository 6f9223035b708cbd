import { ConfigError } from '@conveyor/config';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const key = 'a-key-of-sixteen-chars';

describe('dashboard config', () => {
  it('requires DASHBOARD_ADMIN_KEY, naming it', () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(/DASHBOARD_ADMIN_KEY/);
    expect(() => readConfig({ DASHBOARD_ADMIN_KEY: 'short' })).toThrow(/DASHBOARD_ADMIN_KEY.*at least 16/);
  });

  it('defaults to port 8081, the services’ queues and the local metrics endpoints', () => {
    const config = readConfig({ DASHBOARD_ADMIN_KEY: key });
    expect(config.PORT).toBe(8081);
    expect(config.DASHBOARD_QUEUES).toContain('job-worker.jobs');
    expect(config.METRICS_URLS).toContain('http://127.0.0.1:8094/metrics');
    expect(config.TRACE_UI_URL).toBeUndefined();
  });

  it('limits wrong keys by default (10 at once, one more every 10 s) and refuses a rate of 0, naming it', () => {
    const config = readConfig({ DASHBOARD_ADMIN_KEY: key });
    expect([config.LOGIN_FAILURE_BURST, config.LOGIN_FAILURE_PER_SECOND]).toEqual([10, 0.1]);
    expect(
      readConfig({ DASHBOARD_ADMIN_KEY: key, LOGIN_FAILURE_PER_SECOND: '0.5' }).LOGIN_FAILURE_PER_SECOND,
    ).toBe(0.5);
    expect(() => readConfig({ DASHBOARD_ADMIN_KEY: key, LOGIN_FAILURE_PER_SECOND: '0' })).toThrow(
      /LOGIN_FAILURE_PER_SECOND/,
    );
    expect(() => readConfig({ DASHBOARD_ADMIN_KEY: key, LOGIN_FAILURE_BURST: '1.5' })).toThrow(
      /LOGIN_FAILURE_BURST/,
    );
  });

  it('reads comma-separated lists and rejects a trace UI that is not an http URL', () => {
    const config = readConfig({
      DASHBOARD_ADMIN_KEY: key,
      DASHBOARD_QUEUES: ' a.q , b.q ,',
      METRICS_URLS: '',
    });
    expect(config.DASHBOARD_QUEUES).toEqual(['a.q', 'b.q']);
    expect(() => readConfig({ DASHBOARD_ADMIN_KEY: key, TRACE_UI_URL: 'ftp://x' })).toThrow(/TRACE_UI_URL/);
  });
});
