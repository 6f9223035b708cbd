// The admin key check, in constant time: both sides are hashed to the same length first, so neither
// the length nor the first differing byte of the expected key shows in how long a wrong guess takes.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function adminKeyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The key from `Authorization: Bearer <key>`, or undefined. */
export function bearerKey(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
