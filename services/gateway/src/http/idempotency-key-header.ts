import { z } from 'zod';

/**
 * `Idempotency-Key`: the same key with the same body returns the same resource; with another body, 409.
 * Loose: requests carry many other headers, and validation must not strip them.
 */
export const idempotencyKeyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Client-chosen key: repeating a request with it returns the first result.'),
});
