// The outbox's to-do list, kept apart from the aggregates: a writer records its entries as pending
// BEFORE the write that adds them, and whoever publishes them (the writer, or the relay after a crash)
// deletes the record once the broker has confirmed them. The relay reads this small collection instead
// of scanning aggregates by time, so what it finds never depends on a writer's clock nor on when a write
// became visible. Why not a flag on the aggregate, cleared after the publish: on FerretDB 1.x an update
// reads, changes and replaces the whole document, so clearing it could undo the next step's write.
import { randomUUID } from 'node:crypto';
import type { Store } from '@conveyor/store';
import { ObjectId, type Collection } from 'mongodb';
import { z } from 'zod';
import { outboxCollectionNames } from './outbox-collections.ts';
import type { OutboxEntry } from './outbox-entry.ts';

/** An aggregate's _id as stored: a string, or an ObjectId for documents written by hand. */
export const outboxDocumentId = z.union([z.string().min(1), z.instanceof(ObjectId)]);
export type OutboxDocumentId = z.infer<typeof outboxDocumentId>;

export const pendingOutboxSchema = z.object({
  /** Unique per write, so that a writer whose write did not apply removes its own record only. */
  _id: z.string(),
  collection: z.string(),
  docId: outboxDocumentId,
  /** The messageIds of the entries the write adds, in order. */
  messageIds: z.array(z.string().min(1)).min(1),
  /** The writer's clock, for operators only: nothing the relay decides depends on it. */
  recordedAt: z.date(),
});

export type PendingOutbox = z.infer<typeof pendingOutboxSchema>;

export interface PendingOutboxWrite {
  collection: string;
  docId: OutboxDocumentId;
  entries: readonly Pick<OutboxEntry, 'messageId'>[];
}

export function pendingOutboxCollection(store: Store): Collection<PendingOutbox> {
  return store.db.collection<PendingOutbox>(outboxCollectionNames.pending);
}

/**
 * Call right before the write that adds `entries` to the document. Pass the result to publishOutbox
 * (as `pending`) once the write applied, or to dropPendingOutbox when it did not. A record left by a
 * writer that crashed is the relay's: it publishes the entries once the document shows them.
 */
export async function recordPendingOutbox(
  store: Store,
  write: PendingOutboxWrite,
  now: Date = new Date(),
): Promise<PendingOutbox> {
  const pending: PendingOutbox = {
    _id: randomUUID(),
    collection: write.collection,
    docId: write.docId,
    messageIds: write.entries.map((entry) => entry.messageId),
    recordedAt: now,
  };
  // Group-committed with the other writers' records; the _id is random, so it cannot lose to another.
  await store.inserts.insertNew(pendingOutboxCollection(store), [pending]);
  return pending;
}

/** Once its entries are published, or when the write it announced did not apply. Idempotent. */
export async function dropPendingOutbox(store: Store, pending: Pick<PendingOutbox, '_id'>): Promise<void> {
  // The drops of one turn (the writes whose confirms arrived together) go out as one delete.
  await store.deletes.deleteById(outboxCollectionNames.pending, pending._id);
}

export interface PendingOutboxPage {
  writes: PendingOutbox[];
  /** Records that do not parse (written by hand or by a newer version): left alone, counted. */
  unreadable: number;
}

/** A collection's pending writes, at most `limit`: the relay's pass, the stuck-job watch. */
export async function pendingOutboxWrites(
  store: Store,
  collection: string,
  limit: number,
): Promise<PendingOutboxPage> {
  const found = await pendingOutboxCollection(store).find({ collection }).limit(limit).toArray();
  const parsed = found.map((record) => pendingOutboxSchema.safeParse(record));
  return {
    writes: parsed.flatMap((result) => (result.success ? [result.data] : [])),
    unreadable: parsed.filter((result) => !result.success).length,
  };
}
