// Which outbox entries were published, kept OUT of the aggregate document: once a message is out, the
// next step's handler may be writing that document, and a FerretDB update (read-modify-replace) by the
// relay could silently undo it. A marker is an insert keyed by messageId, so recording twice is harmless.
import { insertNew, type Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { outboxCollectionNames } from './outbox-collections.ts';

export interface OutboxSentMarker {
  /** The entry's messageId. */
  _id: string;
  collection: string;
  docId: string;
  sentAt: Date;
}

export function outboxSentCollection(store: Store): Collection<OutboxSentMarker> {
  return store.db.collection<OutboxSentMarker>(outboxCollectionNames.sent);
}

/** Records that the writer (or the relay) published these entries of `collection`/`docId`. */
export async function markOutboxSent(
  store: Store,
  collection: string,
  docId: string,
  messageIds: readonly string[],
  sentAt: Date = new Date(),
): Promise<void> {
  await insertNew(
    outboxSentCollection(store),
    messageIds.map((messageId) => ({ _id: messageId, collection, docId, sentAt })),
  );
}

/** The subset of `messageIds` already published. */
export async function sentMessageIds(store: Store, messageIds: readonly string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const found = await outboxSentCollection(store)
    .find({ _id: { $in: [...messageIds] } }, { projection: { _id: 1 } })
    .toArray();
  return new Set(found.map((marker) => marker._id));
}

/** Whether one entry was published: a lookup by _id, the one query FerretDB answers without a scan in Go. */
export async function isMarkedSent(store: Store, messageId: string): Promise<boolean> {
  const found = await outboxSentCollection(store).findOne({ _id: messageId }, { projection: { _id: 1 } });
  return found !== null;
}

/**
 * Retention for markers. Only markers older than what the relay still rescans may go (its watermark
 * minus its look-back), or an entry whose marker is gone would be published again.
 */
export async function deleteOutboxMarkersOlderThan(store: Store, cutoff: Date): Promise<number> {
  const deleted = await outboxSentCollection(store).deleteMany({ sentAt: { $lt: cutoff } });
  return deleted.deletedCount;
}
