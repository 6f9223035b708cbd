// Deletes by _id that become due in one turn of the event loop go out as one command per collection:
// an outbox writer drops its pending record right after the broker confirms, and confirms arrive in
// batches, so a busy process would otherwise send one delete per message. Each caller still learns
// whether its own delete failed. On FerretDB 1.x `_id: {$in}` reads the collection, which is why
// this is only for small collections (pending outbox records: the writes in flight).
import type { Db } from 'mongodb';

export interface CoalescedDeletes {
  /** Deletes the document with this _id (nothing when there is none) together with this turn's others. */
  deleteById(collection: string, id: string): Promise<void>;
}

interface Waiter {
  id: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function coalescedDeletes(db: Db): CoalescedDeletes {
  const due = new Map<string, Waiter[]>();

  async function flush(collection: string, waiters: readonly Waiter[]): Promise<void> {
    const ids = [...new Set(waiters.map((waiter) => waiter.id))];
    try {
      const documents = db.collection<{ _id: string }>(collection);
      if (ids.length === 1) await documents.deleteOne({ _id: ids[0] ?? '' });
      else await documents.deleteMany({ _id: { $in: ids } });
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }

  return {
    deleteById(collection, id) {
      return new Promise<void>((resolve, reject) => {
        const waiting = due.get(collection);
        if (waiting !== undefined) {
          waiting.push({ id, resolve, reject });
          return;
        }
        due.set(collection, [{ id, resolve, reject }]);
        setImmediate(() => {
          const waiters = due.get(collection) ?? [];
          due.delete(collection);
          void flush(collection, waiters);
        });
      });
    },
  };
}
