// A dead-lettered message as operators see it and as replay needs it. The id is derived from the
// delivery (queue, messageId, dead-letter time), so archiving the same DLQ message again after a crash
// finds the record already there instead of making a second one.
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The AMQP properties a replay republishes with. */
export const deadLetterPropertiesSchema = z.object({
  priority: z.number().int().min(0).max(255).nullable().default(null),
  correlationId: z.string().nullable().default(null),
  contentType: z.string().nullable().default(null),
  headers: z.record(z.string(), z.unknown()).default({}),
});

export const newDeadLetterSchema = z.object({
  queue: z.string().min(1),
  /** null when the message arrived without one (reason `missing-message-id`). */
  messageId: z.string().min(1).nullable(),
  type: z.string().nullable().default(null),
  /** One of @conveyor/contracts' `deadLetterReasons`, or any string a broker policy gave. */
  reason: z.string().min(1),
  error: z.string().default(''),
  attempts: z.number().int().nonnegative(),
  /** When the message was dead-lettered, from its headers: never the archiving time, or the id changes. */
  deadLetteredAt: z.date(),
  body: z.string(),
  bodyEncoding: z.enum(['utf8', 'base64']),
  properties: deadLetterPropertiesSchema.prefault({}),
  tenant: z.string().nullable().default(null),
  /**
   * Where the message was published, for a letter that never reached a queue (`unroutable`): replay
   * publishes it there again, once something binds it. null for letters of a work queue.
   */
  origin: z.object({ exchange: z.string(), routingKey: z.string() }).nullable().default(null),
});

export const deadLetterEntrySchema = newDeadLetterSchema.extend({
  id: z.string(),
  replayedAt: z.date().nullable(),
});

/** What `record` accepts: defaults fill type, error, properties and tenant. */
export type NewDeadLetter = z.input<typeof newDeadLetterSchema>;
export type DeadLetterEntry = z.infer<typeof deadLetterEntrySchema>;
export type DeadLetterProperties = z.infer<typeof deadLetterPropertiesSchema>;

/**
 * sha256 over queue, messageId (or the body's hash when there is none) and the dead-letter time, 32 hex
 * characters: stable across re-archiving, distinct when the same message is dead-lettered again later.
 */
export function deadLetterId(
  entry: Pick<DeadLetterEntry, 'queue' | 'messageId' | 'deadLetteredAt' | 'body'>,
): string {
  const identity = entry.messageId ?? `body:${createHash('sha256').update(entry.body).digest('hex')}`;
  return createHash('sha256')
    .update([entry.queue, identity, entry.deadLetteredAt.toISOString()].join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}
