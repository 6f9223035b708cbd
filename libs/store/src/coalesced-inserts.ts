// insertNew (duplicate-key.ts) for writers that are many in one process: the inserts into a collection
// that become due in one turn of the event loop go out as one unordered `insert`, and each caller gets
// back the positions of its own documents that lost to an existing _id. The inbox's claims and done marks
// of several consumer hosts (and of several windows of one) then cost one round trip, not one each.
import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import { insertNew } from './duplicate-key.ts';

export interface CoalescedInserts {
  /** As insertNew: resolves with the positions (in `documents`) that lost; rejects when unconfirmed. */
  insertNew<T extends { _id: string }>(
    collection: Collection<T>,
    documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
  ): Promise<Set<number>>;
}

interface Caller {
  offset: number;
  count: number;
  resolve: (lost: Set<number>) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  collection: Collection<Keyed>;
  documents: Keyed[];
  callers: Caller[];
}

type Keyed = { _id: string };

export function coalescedInserts(): CoalescedInserts {
  const due = new Map<string, Batch>();

  async function flush(batch: Batch): Promise<void> {
    try {
      const lost = await insertNew(batch.collection, batch.documents);
      for (const caller of batch.callers) {
        const own = new Set<number>();
        for (let position = 0; position < caller.count; position += 1) {
          if (lost.has(caller.offset + position)) own.add(position);
        }
        caller.resolve(own);
      }
    } catch (error) {
      // Unconfirmed for one is unconfirmed for all: each caller retries its own documents.
      for (const caller of batch.callers) caller.reject(error);
    }
  }

  return {
    insertNew(collection, documents) {
      if (documents.length === 0) return Promise.resolve(new Set());
      return new Promise<Set<number>>((resolve, reject) => {
        const key = `${collection.dbName}.${collection.collectionName}`;
        let batch = due.get(key);
        if (batch === undefined) {
          const opened: Batch = {
            collection: collection.db.collection<Keyed>(collection.collectionName),
            documents: [],
            callers: [],
          };
          due.set(key, opened);
          setImmediate(() => {
            due.delete(key);
            void flush(opened);
          });
          batch = opened;
        }
        batch.callers.push({ offset: batch.documents.length, count: documents.length, resolve, reject });
        // T extends Keyed, so each document has its string _id; TypeScript cannot see through
        // OptionalUnlessRequiredId<T> for a generic T.
        batch.documents.push(...(documents as readonly unknown[] as readonly Keyed[]));
      });
    },
  };
}
