// A private database per test for the inbox and the keyed effects a handler writes.
import { MongoServerError, type Collection } from 'mongodb';
import { connectStore, createInbox, type Store } from '@conveyor/store';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { silentLogger } from './bus-fixture.ts';

export interface EffectLedger {
  /** Writes the effect keyed by `key`; a second write of one key counts as a duplicate effect. */
  apply(key: string): Promise<void>;
  count(): Promise<number>;
  duplicates(): number;
}

export async function openTestStore(): Promise<{ store: Store; dbName: string; drop: () => Promise<void> }> {
  const dbName = uniqueName('conveyor_test');
  const store = await connectStore({
    url: serverUrls().mongoUrl,
    dbName,
    logger: silentLogger,
    appName: 'conveyor-test',
  });
  await store.ensureIndexes();
  return {
    store,
    dbName,
    drop: async () => {
      await store.db.dropDatabase();
      await store.close();
    },
  };
}

export function effectLedger(collection: Collection<{ _id: string }>): EffectLedger {
  let duplicates = 0;
  return {
    async apply(key) {
      try {
        await collection.insertOne({ _id: key });
      } catch (error) {
        if (error instanceof MongoServerError && error.code === 11000) duplicates += 1;
        else throw error;
      }
    },
    count: () => collection.countDocuments(),
    duplicates: () => duplicates,
  };
}

export { createInbox };
