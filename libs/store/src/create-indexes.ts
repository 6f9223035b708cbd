// Start-up index creation that creates only what is missing, one index per command:
// - FerretDB 1.24 drops the connection when a single createIndexes names two or more indexes that all
//   exist already, which is exactly the idempotent start-up case;
// - FerretDB 1.24 takes its metadata write lock for every createIndexes, even of an existing index, and
//   then waits for a PostgreSQL connection: under load, when the pooled connections belong to queries
//   waiting for that lock, the server deadlocks (found by test/faults: a worker restarted under load
//   froze it). listIndexes only reads, so a service restarting under load no longer takes the lock.
// On MongoDB the listing costs one round trip and changes nothing else.
import type { Db, IndexDescription } from 'mongodb';

export async function createIndexesOneByOne(
  db: Db,
  collection: string,
  indexes: readonly IndexDescription[],
): Promise<void> {
  const existing = await existingIndexNames(db, collection);
  for (const index of indexes) {
    if (index.name !== undefined && existing.has(index.name)) continue;
    await db.collection(collection).createIndexes([index]);
  }
}

async function existingIndexNames(db: Db, collection: string): Promise<Set<string>> {
  try {
    const indexes: ReadonlyArray<{ name?: unknown }> = await db
      .collection(collection)
      .listIndexes()
      .toArray();
    return new Set(indexes.map((index) => String(index.name)));
  } catch (error) {
    // A collection that does not exist yet has no indexes (MongoDB answers NamespaceNotFound, 26).
    if (isNamespaceNotFound(error)) return new Set();
    throw error;
  }
}

function isNamespaceNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 26;
}
