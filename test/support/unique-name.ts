// Per-test names, so parallel tests never share a queue, collection or KV bucket.
import { randomBytes } from 'node:crypto';

/**
 * `prefix` plus a random suffix of 12 hex characters. The suffix uses only [0-9a-f] and the
 * separator is `-`, so the result is a valid queue, collection and NATS bucket name whenever
 * the prefix is.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
