// Error 11000 is how MongoDB (and FerretDB) says "someone else inserted this _id first": the loser of a
// contested transition, not a failure.
import {
  MongoServerError,
  WriteConcern,
  type Collection,
  type Document,
  type OptionalUnlessRequiredId,
} from 'mongodb';
import { insertReplySchema } from './insert-reply.ts';
import { UnconfirmedInsertError } from './unconfirmed-insert-error.ts';

const duplicateKeyCode = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === duplicateKeyCode;
}

/**
 * Inserts, unordered, every document whose _id is new and returns the positions of those that lost to an
 * existing _id. Any other failure is thrown, including a reply that does not account for every document
 * as either inserted or a duplicate (a failed command, a lost connection, a closed client, an unmet write
 * concern): those inserts are unconfirmed, never "done".
 *
 * One `insert` command rather than `insertMany`: the driver's bulk-write machinery measures and wraps
 * every document before sending it, which cost more client CPU than the insert itself in the inbox
 * benchmark. The command carries the collection's write concern, as insertMany would.
 */
export async function insertNew<T extends { _id: string }>(
  collection: Collection<T>,
  documents: ReadonlyArray<OptionalUnlessRequiredId<T>>,
): Promise<Set<number>> {
  if (documents.length === 0) return new Set();
  const command: Document = { insert: collection.collectionName, documents, ordered: false };
  const writeConcern = collection.writeConcern;
  if (writeConcern !== undefined) WriteConcern.apply(command, writeConcern);
  const reply = insertReplySchema.parse(await collection.db.command(command));
  const positions = new Set<number>();
  for (const writeError of reply.writeErrors ?? []) {
    if (writeError.code !== duplicateKeyCode)
      throw new UnconfirmedInsertError(collection.collectionName, writeError);
    positions.add(writeError.index);
  }
  if (reply.writeConcernError !== undefined) {
    throw new UnconfirmedInsertError(collection.collectionName, reply.writeConcernError);
  }
  if (reply.n + positions.size !== documents.length) {
    throw new UnconfirmedInsertError(collection.collectionName, {
      errmsg: `${documents.length} documents sent, ${reply.n} inserted and ${positions.size} duplicates`,
    });
  }
  return positions;
}
