// The fingerprint of an accepted request body, stored with what it created: a request repeated under the
// same Idempotency-Key is a retry when the fingerprints match and a conflict when they differ. The body
// is the validated one, so key order and defaults do not change the fingerprint.
import { createHash } from 'node:crypto';

export function requestHash(validatedBody: unknown): string {
  return createHash('sha256').update(JSON.stringify(validatedBody)).digest('hex');
}
