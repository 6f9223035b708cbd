import { describe, expect, it } from 'vitest';
import { maskUrlCredentials, REDACT_PATHS, REDACTED } from './redaction.ts';

describe('maskUrlCredentials', () => {
  it('replaces the password and keeps the user, host and path', () => {
    expect(maskUrlCredentials('amqp://guest:guest@127.0.0.1:5672/%2F')).toBe(
      `amqp://guest:${REDACTED}@127.0.0.1:5672/%2F`,
    );
  });

  it('replaces a bare token used as userinfo', () => {
    expect(maskUrlCredentials('https://ghp_secret@example.test/hook')).toBe(
      `https://${REDACTED}@example.test/hook`,
    );
  });

  it('masks every URL in a longer text', () => {
    expect(maskUrlCredentials('from redis://:pw@a:6379 to nats://u:p@b:4222')).toBe(
      `from redis://:${REDACTED}@a:6379 to nats://u:${REDACTED}@b:4222`,
    );
  });

  it('leaves URLs without credentials unchanged', () => {
    const text = 'http://collector:4318/v1/traces?user=a@b';
    expect(maskUrlCredentials(text)).toBe(text);
  });
});

describe('REDACT_PATHS', () => {
  it('covers each secret key at the top level and one level down', () => {
    for (const key of ['password', 'apiKey', 'token', 'secret', 'url']) {
      expect(REDACT_PATHS).toContain(key);
      expect(REDACT_PATHS).toContain(`*.${key}`);
    }
  });
});
