// API keys as callers present them: `cvk_<id>_<secret>`. The id is not secret (it names the key in
// lists and logs, and finds its record); the secret is 32 random bytes. Only the SHA-256 of the whole
// key is stored: a high-entropy key needs no slow hash, and a stolen collection holds no usable key.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const apiKeyPrefix = 'cvk_';

/** `cvk_`, the id (lowercase letters and digits), `_`, the secret (base64url, at least 32 characters). */
export const apiKeyPattern = /^cvk_([a-z0-9]{8,32})_([A-Za-z0-9_-]{32,128})$/;

const generatedIdBytes = 6;
const generatedSecretBytes = 32;

export interface ParsedApiKey {
  /** The non-secret part: the record's `_id`, safe to log. */
  id: string;
}

/** The id of a well-formed key, or undefined for anything else (nothing is looked up then). */
export function parseApiKey(presented: string): ParsedApiKey | undefined {
  const match = apiKeyPattern.exec(presented);
  return match?.[1] === undefined ? undefined : { id: match[1] };
}

/** A new key: 48-bit id, 256-bit secret. */
export function generateApiKey(): { id: string; key: string } {
  const id = randomBytes(generatedIdBytes).toString('hex');
  return { id, key: `${apiKeyPrefix}${id}_${randomBytes(generatedSecretBytes).toString('base64url')}` };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameApiKeyHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
