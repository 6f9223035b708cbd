import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { openTestStore, type TestStore } from './store-fixture.ts';

/**
 * Every hot query is a lookup by _id, so its cost must not grow with the collection. FerretDB (the rig's
 * server here) answers it from the unique _id index only with the test server's patch
 * (test/support/ferretdb-id-lookup-patch.ts); MongoDB always does.
 */
describe('lookups by _id', () => {
  let testStore: TestStore;

  beforeEach(async () => {
    testStore = await openTestStore();
  });

  afterEach(async () => {
    await testStore.drop();
  });

  it('are answered from the _id index, other conditions filtering what it finds', async () => {
    const orders = testStore.store.db.collection<{ _id: string; tenantId: string }>('orders');
    await orders.insertMany(
      Array.from({ length: 50 }, (_, index) => ({ _id: `o-${index}`, tenantId: 'acme' })),
    );

    const plan = await testStore.store.db.command({
      explain: { find: 'orders', filter: { _id: 'o-7', tenantId: 'acme' } },
    });

    expect(await orders.findOne({ _id: 'o-7', tenantId: 'acme' })).toEqual({ _id: 'o-7', tenantId: 'acme' });
    expect(await orders.findOne({ _id: 'o-7', tenantId: 'globex' })).toBeNull();
    expect(usesIdIndex(plan)).toBe(true);
  });
});

/** FerretDB on PostgreSQL reports PostgreSQL's plan; MongoDB its own stages. */
function usesIdIndex(explained: Document): boolean {
  const text = JSON.stringify(explained.queryPlanner ?? {});
  if (text.includes('"Node Type"')) return /"Node Type":"Index Scan"/.test(text) && text.includes("'_id'");
  return /IDHACK|EXPRESS_IXSCAN|"indexName":"_id_"/.test(text);
}
