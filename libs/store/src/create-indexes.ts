// One createIndexes command per index: FerretDB 1.24 drops the connection when a single command names
// two or more indexes that all exist already, which is exactly the idempotent start-up case.
import type { Db, IndexDescription } from 'mongodb';

export async function createIndexesOneByOne(
  db: Db,
  collection: string,
  indexes: readonly IndexDescription[],
): Promise<void> {
  for (const index of indexes) {
    await db.collection(collection).createIndexes([index]);
  }
}
