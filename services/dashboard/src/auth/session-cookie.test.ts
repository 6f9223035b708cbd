import { describe, expect, it } from 'vitest';
import { adminKeyMatches, bearerKey } from './admin-key.ts';
import {
  hasValidSession,
  sessionClearCookie,
  sessionCookieName,
  sessionSetCookie,
} from './session-cookie.ts';

const settings = { adminKey: 'correct-horse-battery-staple', sessionHours: 12, cookieSecure: false };
const now = new Date('2025-01-01T00:00:00Z');

function cookieHeaderOf(setCookie: string): string {
  return setCookie.split(';')[0] ?? '';
}

describe('dashboard session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, and lasts the session hours', () => {
    const setCookie = sessionSetCookie(settings, now);
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName}=\\d+\\.[\\w-]+; `));
    expect(setCookie).toContain('; HttpOnly');
    expect(setCookie).toContain('; SameSite=Strict');
    expect(setCookie).toContain('; Path=/');
    expect(setCookie).toContain(`; Max-Age=${12 * 3_600}`);
    expect(setCookie).not.toContain('Secure');
    expect(sessionSetCookie({ ...settings, cookieSecure: true }, now)).toContain('; Secure');
  });

  it('is valid until it expires, and only with the key it was signed with', () => {
    const header = `other=1; ${cookieHeaderOf(sessionSetCookie(settings, now))}`;
    expect(hasValidSession(header, settings.adminKey, now)).toBe(true);
    expect(hasValidSession(header, settings.adminKey, new Date(now.getTime() + 11 * 3_600_000))).toBe(true);
    expect(hasValidSession(header, settings.adminKey, new Date(now.getTime() + 12 * 3_600_000))).toBe(false);
    expect(hasValidSession(header, 'another-key-entirely-0000', now)).toBe(false);
  });

  it('refuses a session whose expiry was moved, a malformed one, and none at all', () => {
    const [expiry = '', mac = ''] = (
      cookieHeaderOf(sessionSetCookie(settings, now)).split('=')[1] ?? ''
    ).split('.');
    const extended = `${sessionCookieName}=${Number(expiry) + 3_600_000}.${mac}`;
    expect(hasValidSession(extended, settings.adminKey, now)).toBe(false);
    expect(hasValidSession(`${sessionCookieName}=garbage`, settings.adminKey, now)).toBe(false);
    expect(hasValidSession(undefined, settings.adminKey, now)).toBe(false);
    expect(hasValidSession(cookieHeaderOf(sessionClearCookie(settings)), settings.adminKey, now)).toBe(false);
  });
});

describe('admin key', () => {
  it('matches only the exact key, whatever the lengths', () => {
    expect(adminKeyMatches(settings.adminKey, settings.adminKey)).toBe(true);
    expect(adminKeyMatches(`${settings.adminKey}x`, settings.adminKey)).toBe(false);
    expect(adminKeyMatches('', settings.adminKey)).toBe(false);
  });

  it('reads a Bearer token from the Authorization header', () => {
    expect(bearerKey('Bearer abc.def')).toBe('abc.def');
    expect(bearerKey('bearer  abc')).toBe('abc');
    expect(bearerKey('Basic abc')).toBeUndefined();
    expect(bearerKey(undefined)).toBeUndefined();
  });
});
