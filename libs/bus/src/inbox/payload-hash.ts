import { createHash } from 'node:crypto';

/** Identifies a body's bytes, so a reused messageId with other content is told apart from a redelivery. */
export function payloadHash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
