// Deletes by _id are group-committed (group-commit.ts): one command per collection and round trip:
// an outbox writer drops its pending record right after the broker confirms, and confirms arrive in
// batches, so a busy process would otherwise send one delete per message. Each caller still learns
// whether its own delete failed. On FerretDB 1.x `_id: {$in}` reads the collection, which is why
// this is only for small collections (pending outbox records: the writes in flight).
import type { Db } from 'mongodb';
import { groupCommit } from './group-commit.ts';

export interface CoalescedDeletes {
  /** Deletes the document with this _id (nothing when there is none) in one command with the others of its batch. */
  deleteById(collection: string, id: string): Promise<void>;
}

interface Waiter {
  id: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** As for coalesced inserts: about one busy round trip. */
const maxWaitMs = 25;

export function coalescedDeletes(db: Db): CoalescedDeletes {
  const batches = groupCommit<Waiter>(flush, { maxWaitMs });

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
        batches.add(collection, { id, resolve, reject });
      });
    },
  };
}
