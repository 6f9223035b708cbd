import { describe, expect, it } from 'vitest';
import { ConfigError } from '@conveyor/config';
import { readConfig } from './config.ts';

describe('notifier config', () => {
  it('defaults to a local mail catcher and the documented settings', () => {
    const config = readConfig({});
    expect(config.SMTP_URL).toBe('smtp://127.0.0.1:1025');
    expect(config.MAIL_FROM).toBe('Conveyor <orders@conveyor.local>');
    expect(config.HEALTH_PORT).toBe(8092);
    expect(config.WEBHOOK_TIMEOUT_MS).toBe(10_000);
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(ConfigError);
    expect(() => readConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => readConfig({ WEBHOOK_TIMEOUT_MS: '0' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });

  it('accepts smtps URLs with credentials', () => {
    expect(readConfig({ SMTP_URL: 'smtps://user:pass@mail.example.com:465' }).SMTP_URL).toBe(
      'smtps://user:pass@mail.example.com:465',
    );
  });

  it('reads the handler deadline and the retry tiers', () => {
    const config = readConfig({ HANDLER_TIMEOUT_MS: '5000', RETRY_TIERS: '250ms,1s' });
    expect(config.HANDLER_TIMEOUT_MS).toBe(5_000);
    expect(config.RETRY_TIERS).toEqual([
      { name: '250ms', delayMs: 250 },
      { name: '1s', delayMs: 1_000 },
    ]);
    expect(readConfig({}).RETRY_TIERS).toBeUndefined();
    expect(() => readConfig({ RETRY_TIERS: 'fast' })).toThrow(/RETRY_TIERS/);
  });
});
