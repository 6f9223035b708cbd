// Indexes of the order collections, every one leading with tenantId; only the missing ones are
// created, one per command (see createIndexesOneByOne in @conveyor/store for why, on FerretDB).
import { ensureOutboxIndexes } from '@conveyor/outbox';
import { createIndexesOneByOne, type Store } from '@conveyor/store';
import type { IndexDescription } from 'mongodb';
import { idempotencyKeysCollection } from './idempotency-keys.ts';
import { ordersCollection } from './order-document.ts';

const orderIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: -1 }, name: 'tenant_created' },
  { key: { tenantId: 1, customerId: 1, createdAt: -1 }, name: 'tenant_customer_created' },
  // The supervisor sweep: orders of a status whose step deadline has passed.
  { key: { tenantId: 1, status: 1, stepDeadline: 1 }, name: 'tenant_status_deadline' },
];

const keyIndexes: readonly IndexDescription[] = [
  { key: { tenantId: 1, createdAt: 1 }, name: 'tenant_created' },
];

export async function ensureOrderIndexes(store: Store): Promise<void> {
  await createIndexesOneByOne(store.db, ordersCollection, orderIndexes);
  await createIndexesOneByOne(store.db, idempotencyKeysCollection, keyIndexes);
  await ensureOutboxIndexes(store, [ordersCollection]);
}
