import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectStore, type DatabaseCommand, type Store } from '@conveyor/store';
import { serverUrls, uniqueName } from '../../support/index.ts';
import { silentLogger } from './store-fixture.ts';

describe('store commands', () => {
  let store: Store;
  let commands: DatabaseCommand[];

  beforeEach(async () => {
    commands = [];
    store = await connectStore({
      url: serverUrls().mongoUrl,
      dbName: uniqueName('conveyor_commands_test'),
      logger: silentLogger,
      appName: 'conveyor-commands-test',
      onCommand: (command) => commands.push(command),
    });
  });

  afterEach(async () => {
    await store.db.dropDatabase();
    await store.close();
  });

  const sent = (name: string, collection: string) =>
    commands.filter((command) => command.name === name && command.collection === collection).length;

  it('reports every command it sends, by name and collection, getMores included', async () => {
    const things = store.db.collection<{ _id: number }>('things');
    await things.insertMany(Array.from({ length: 5 }, (_, index) => ({ _id: index })));
    await things.find({}, { batchSize: 2 }).toArray();

    expect(sent('insert', 'things')).toBe(1);
    expect(sent('find', 'things')).toBe(1);
    expect(sent('getMore', 'things')).toBeGreaterThanOrEqual(2);
  });

  it('sends the deletes by _id of one turn as one command, and each caller learns it is done', async () => {
    const pending = store.db.collection<{ _id: string }>('pending');
    await pending.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }, { _id: 'd' }]);
    commands.length = 0;

    await Promise.all(['a', 'b', 'c'].map((id) => store.deletes.deleteById('pending', id)));

    expect(sent('delete', 'pending')).toBe(1);
    expect((await pending.find().toArray()).map((document) => document._id)).toEqual(['d']);
  });

  it('sends the inserts of one turn as one command, and tells each caller which of its own lost', async () => {
    const records = store.db.collection<{ _id: string }>('records');
    await records.insertOne({ _id: 'taken' });
    commands.length = 0;

    const [first, second] = await Promise.all([
      store.inserts.insertNew(records, [{ _id: 'a' }, { _id: 'taken' }]),
      store.inserts.insertNew(records, [{ _id: 'a' }, { _id: 'b' }]),
    ]);

    expect(sent('insert', 'records')).toBe(1);
    expect([...first]).toEqual([1]);
    // The first caller's `a` went in first: the second caller's copy lost to it.
    expect([...second]).toEqual([0]);
    expect((await records.find().toArray()).map((document) => document._id).sort()).toEqual([
      'a',
      'b',
      'taken',
    ]);
  });

  it('fails every caller of a batch whose delete failed', async () => {
    await store.close();

    const deletes = ['x', 'y'].map((id) => store.deletes.deleteById('pending', id));

    for (const deleted of deletes) await expect(deleted).rejects.toThrow();
    store = await connectStore({
      url: serverUrls().mongoUrl,
      dbName: store.db.databaseName,
      logger: silentLogger,
      appName: 'conveyor-commands-test',
    });
  });
});
