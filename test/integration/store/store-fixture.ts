// A private database per test, dropped afterwards, and a clock the test moves by hand.
import { pino } from 'pino';
import { connectStore, type Store } from '@conveyor/store';
import { serverUrls, uniqueName } from '../../support/index.ts';

export const silentLogger = pino({ level: 'silent' });

export interface TestStore {
  store: Store;
  drop(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const store = await connectStore({
    url: serverUrls().mongoUrl,
    dbName: uniqueName('conveyor_store_test'),
    logger: silentLogger,
    appName: 'conveyor-store-test',
  });
  await store.ensureIndexes();
  return {
    store,
    async drop() {
      await store.db.dropDatabase();
      await store.close();
    },
  };
}

export interface ManualClock {
  readonly now: () => number;
  readonly advance: (ms: number) => void;
}

export function manualClock(start: number = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
