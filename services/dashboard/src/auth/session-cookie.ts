// The login session: a cookie holding its expiry and an HMAC of it keyed by the admin key, so the
// server keeps no session state, a session cannot be extended or forged without the key, and changing
// the key logs everybody out. HttpOnly (no script reads it), SameSite=Strict (no other site's form or
// link sends it), Secure when the dashboard is served over HTTPS (COOKIE_SECURE).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const sessionCookieName = 'conveyor_dashboard_session';

export interface SessionSettings {
  adminKey: string;
  sessionHours: number;
  cookieSecure: boolean;
}

function signature(adminKey: string, expiresAt: number): Buffer {
  return createHmac('sha256', adminKey).update(`conveyor-dashboard-session:${expiresAt}`).digest();
}

/** The Set-Cookie header value of a new session starting at `now`. */
export function sessionSetCookie(settings: SessionSettings, now: Date): string {
  const maxAge = settings.sessionHours * 3_600;
  const expiresAt = now.getTime() + maxAge * 1_000;
  const value = `${expiresAt}.${signature(settings.adminKey, expiresAt).toString('base64url')}`;
  return cookie(value, maxAge, settings.cookieSecure);
}

/** The Set-Cookie header value that ends the session. */
export function sessionClearCookie(settings: SessionSettings): string {
  return cookie('', 0, settings.cookieSecure);
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  const attributes = [
    `Max-Age=${maxAge}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ];
  return [`${sessionCookieName}=${value}`, ...attributes].join('; ');
}

/** True when the Cookie header carries a session signed with `adminKey` that has not expired at `now`. */
export function hasValidSession(cookieHeader: string | undefined, adminKey: string, now: Date): boolean {
  const value = cookieValue(cookieHeader, sessionCookieName);
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (match === null) return false;
  const expiresAt = Number(match[1]);
  const given = Buffer.from(match[2] ?? '', 'base64url');
  const expected = signature(adminKey, expiresAt);
  return given.length === expected.length && timingSafeEqual(given, expected) && expiresAt > now.getTime();
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
