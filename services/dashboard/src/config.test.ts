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
