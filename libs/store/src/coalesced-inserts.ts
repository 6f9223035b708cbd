// insertNew (duplicate-key.ts) for writers that are many in one process: the inserts into a collection
// are group-committed (group-commit.ts) as one unordered `insert`, and each caller gets back the
// positions of its own documents that lost to an existing _id. The inbox's claims and done marks of
// several consumer hosts (and of several windows of one) then cost one round trip, not one each.
import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import { insertNew } from './duplicate-key.ts';
import { groupCommit } from './group-commit.ts';

export interface CoalescedInserts {
  /** As insertNew: resolves with the positions (in `documents`) that lost; rejects when unconfirmed. */
  insertNew<T extends { _id: string }>(
    collection: Collection<T>,
    documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
  ): Promise<Set<number>>;
  /**
   * One document, for a writer whose insert decides something (a claim, a fence): true when it was
   * inserted, false when its _id existed. Rejects when unconfirmed, as insertNew.
   */
  insertIfNew<T extends { _id: string }>(
    collection: Collection<T>,
    document: OptionalUnlessRequiredId<T>,
  ): Promise<boolean>;
}

interface Caller {
  collection: Collection<Keyed>;
  documents: readonly Keyed[];
  resolve: (lost: Set<number>) => void;
  reject: (error: unknown) => void;
}

type Keyed = { _id: string };

/** Long enough for a busy FerretDB's insert to return, short enough to bound a hung one's cost. */
const maxWaitMs = 25;

export function coalescedInserts(): CoalescedInserts {
  const batches = groupCommit<Caller>(flush, { maxWaitMs });

  async function flush(_key: string, callers: Caller[]): Promise<void> {
    const [first] = callers;
    if (first === undefined) return;
    try {
      const lost = await insertNew(
        first.collection,
        callers.flatMap((caller) => caller.documents),
      );
      let offset = 0;
      for (const caller of callers) {
        const own = new Set<number>();
        for (let position = 0; position < caller.documents.length; position += 1) {
          if (lost.has(offset + position)) own.add(position);
        }
        offset += caller.documents.length;
        caller.resolve(own);
      }
    } catch (error) {
      // Unconfirmed for one is unconfirmed for all: each caller retries its own documents.
      for (const caller of callers) caller.reject(error);
    }
  }

  function insertNewBatched<T extends { _id: string }>(
    collection: Collection<T>,
    documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
  ): Promise<Set<number>> {
    if (documents.length === 0) return Promise.resolve(new Set());
    return new Promise<Set<number>>((resolve, reject) => {
      batches.add(`${collection.dbName}.${collection.collectionName}`, {
        collection: collection.db.collection<Keyed>(collection.collectionName),
        // T extends Keyed, so each document has its string _id; TypeScript cannot see through
        // OptionalUnlessRequiredId<T> for a generic T.
        documents: documents as readonly unknown[] as readonly Keyed[],
        resolve,
        reject,
      });
    });
  }

  return {
    insertNew: insertNewBatched,
    async insertIfNew(collection, document) {
      const lost = await insertNewBatched(collection, [document]);
      return lost.size === 0;
    },
  };
}
