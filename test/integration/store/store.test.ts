import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryableError } from '@conveyor/contracts';
import { collectionNames, connectStore, createIndexesOneByOne } from '@conveyor/store';
import { MongoClient, type IndexDescription } from 'mongodb';
import { serverUrls } from '../../support/index.ts';
import { openTestStore, silentLogger, type TestStore } from './store-fixture.ts';

describe('store', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openTestStore();
  });

  afterEach(async () => {
    await testStore.drop();
  });

  it('answers a readiness ping', async () => {
    await expect(testStore.store.ping()).resolves.toBeUndefined();
  });

  it('creates its indexes idempotently', async () => {
    await testStore.store.ensureIndexes();
    const inbox = testStore.store.db.collection(collectionNames.inbox);
    expect(await inbox.indexExists(['queue_messageId', 'createdAt'])).toBe(true);
    const deadLetters = testStore.store.db.collection(collectionNames.deadLetters);
    expect(await deadLetters.indexExists('deadLetteredAt_id')).toBe(true);
  });

  it('creates only the indexes that are missing, so that a restart under load takes no index lock', async () => {
    const client = new MongoClient(serverUrls().mongoUrl, { monitorCommands: true });
    const creates: string[] = [];
    client.on('commandStarted', (event) => {
      if (event.commandName === 'createIndexes') creates.push(event.databaseName);
    });
    try {
      const db = client.db(testStore.store.db.databaseName);
      const indexes: IndexDescription[] = [
        { key: { a: 1 }, name: 'a' },
        { key: { b: 1 }, name: 'b' },
      ];
      await createIndexesOneByOne(db, 'restart_test', indexes);
      expect(creates).toHaveLength(2);
      await createIndexesOneByOne(db, 'restart_test', indexes);
      await createIndexesOneByOne(db, 'restart_test', [...indexes, { key: { c: 1 }, name: 'c' }]);
      expect(creates).toHaveLength(3);
      expect(await db.collection('restart_test').indexExists(['a', 'b', 'c'])).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('reports an unreachable server as a retryable error', async () => {
    const connecting = connectStore({
      url: 'mongodb://user:secret@127.0.0.1:1',
      dbName: 'unused',
      logger: silentLogger,
      appName: 'conveyor-store-test',
      serverSelectionTimeoutMs: 500,
    });
    await expect(connecting).rejects.toBeInstanceOf(RetryableError);
    await expect(connecting).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' });
    await expect(connecting).rejects.not.toThrow(/secret/);
  });

  it('closes once however often close is called', async () => {
    const { store } = await openTestStore();
    const closing = store.close();
    expect(store.close()).toBe(closing);
    await closing;
    await expect(store.ping()).rejects.toBeInstanceOf(RetryableError);
  });
});
