// Error 11000 is how MongoDB (and FerretDB) says "someone else inserted this _id first": the loser of a
// contested transition, not a failure.
import {
  MongoBulkWriteError,
  MongoServerError,
  type Collection,
  type OptionalUnlessRequiredId,
  type WriteError,
} from 'mongodb';

const duplicateKeyCode = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === duplicateKeyCode;
}

/**
 * Inserts, unordered, every document whose _id is new and returns the positions of those that lost to an
 * existing _id. Any other failure is thrown, including a bulk error that does not account for every
 * document as either inserted or a duplicate (a failed command, a lost connection, a closed client, an
 * unmet write concern): those inserts are unconfirmed, never "done".
 */
export async function insertNew<T extends { _id: string }>(
  collection: Collection<T>,
  documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
): Promise<Set<number>> {
  if (documents.length === 0) return new Set();
  try {
    await collection.insertMany(documents, { ordered: false });
    return new Set();
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const writeErrors: readonly WriteError[] = Array.isArray(error.writeErrors)
      ? error.writeErrors
      : [error.writeErrors];
    const positions = new Set<number>();
    for (const writeError of writeErrors) {
      if (writeError.code !== duplicateKeyCode) throw error;
      positions.add(writeError.index);
    }
    const accountedFor = error.result.insertedCount + positions.size === documents.length;
    if (positions.size === 0 || !accountedFor || error.result.getWriteConcernError() !== undefined) {
      throw error;
    }
    return positions;
  }
}
