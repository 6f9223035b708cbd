// Per-document outbox: the messages a state change implies are written in the same document write as
// the change, with their message ids fixed at that moment. `outboxDueAt` (top level, indexed) tells the
// relay when the document last gained entries, because FerretDB 1.x cannot query array elements with
// $elemMatch nor update them in place ($ positional, arrayFilters).
import { randomUUID } from 'node:crypto';
import type { Document } from 'mongodb';
import { z } from 'zod';

const headerValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** What a writer asks to publish. */
export const outboxMessageSchema = z.object({
  /** Fixed by the caller when it must be deterministic (e.g. `orderId:step`), else a fresh UUID. */
  messageId: z.string().min(1).optional(),
  exchange: z.string(),
  routingKey: z.string(),
  /** Versioned message type, e.g. `order.placed.v1`. */
  type: z.string().min(1),
  /** The JSON body; FerretDB rejects object keys containing '.' or starting with '$'. */
  body: z.unknown(),
  headers: z.record(z.string(), headerValueSchema).optional(),
  priority: z.number().int().min(0).max(255).optional(),
  correlationId: z.string().optional(),
  /**
   * False for an announcement that no queue may be bound for (yet): published all the same, and not an
   * error when the broker routes it nowhere. Default true: an unroutable message fails its publish.
   */
  mandatory: z.boolean().optional(),
});

/** What is stored in the document's `outbox` array (no undefined fields: BSON would store null). */
export const outboxEntrySchema = z.object({
  messageId: z.string().min(1),
  exchange: z.string(),
  routingKey: z.string(),
  type: z.string().min(1),
  body: z.unknown(),
  headers: z.record(z.string(), headerValueSchema),
  priority: z.number().int().min(0).max(255).nullable(),
  correlationId: z.string().nullable(),
  /** Absent means true (entries written before the field existed were all mandatory). */
  mandatory: z.boolean().optional(),
  createdAt: z.date(),
});

export type OutboxMessage = z.input<typeof outboxMessageSchema>;
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** The fields an aggregate document carries for its outbox. */
export interface OutboxFields {
  outbox: OutboxEntry[];
  outboxDueAt: Date;
}

export function outboxEntries(messages: readonly OutboxMessage[], now: Date = new Date()): OutboxEntry[] {
  return messages.map((message) => {
    const parsed = outboxMessageSchema.parse(message);
    return {
      messageId: parsed.messageId ?? randomUUID(),
      exchange: parsed.exchange,
      routingKey: parsed.routingKey,
      type: parsed.type,
      body: parsed.body,
      headers: parsed.headers ?? {},
      priority: parsed.priority ?? null,
      correlationId: parsed.correlationId ?? null,
      ...(parsed.mandatory === false ? { mandatory: false } : {}),
      createdAt: now,
    };
  });
}

/** For an insert: `insertOne({ ...order, ...outboxFields(entries) })`. */
export function outboxFields(entries: readonly OutboxEntry[]): OutboxFields {
  return { outbox: [...entries], outboxDueAt: latestCreatedAt(entries) };
}

/** An update that sets the caller's fields and appends the entries; a plain object any collection accepts. */
export interface OutboxUpdate<Set extends Document> {
  $set: Set & { outboxDueAt: Date };
  $push: { outbox: { $each: OutboxEntry[] } };
}

/**
 * For an update: the caller's `$set` plus the outbox append, as one write, e.g.
 * `updateOne({ _id, state: 'reserving' }, { ...withOutbox({ state: 'paying' }, entries), $inc: { version: 1 } })`.
 */
export function withOutbox<Set extends Document>(
  set: Set,
  entries: readonly OutboxEntry[],
): OutboxUpdate<Set> {
  return {
    $set: { ...set, outboxDueAt: latestCreatedAt(entries) },
    $push: { outbox: { $each: [...entries] } },
  };
}

function latestCreatedAt(entries: readonly OutboxEntry[]): Date {
  if (entries.length === 0) throw new RangeError('an outbox write needs at least one entry');
  return new Date(Math.max(...entries.map((entry) => entry.createdAt.getTime())));
}
